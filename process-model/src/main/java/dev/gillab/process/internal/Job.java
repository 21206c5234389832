package dev.gillab.process.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A submitted task as the pool queues it and a slot runs it: its request id, the task's name and
 * payload, its own timeout if any, the future its caller holds, and how many workers died with it
 * in their pipe before they started it. Immutable but for the future and that count, which are
 * thread-safe.
 */
public record Job(
    long id,
    String taskName,
    // Bytes written to a worker as they are; a job is never compared or hashed.
    @SuppressWarnings("ArrayRecordComponent") byte[] payload,
    Optional<Duration> timeout,
    CompletableFuture<byte[]> future,
    AtomicInteger unstartedDeaths) {
  public Job(long id, String taskName, byte[] payload, Optional<Duration> timeout) {
    this(id, taskName, payload, timeout, new CompletableFuture<>());
  }

  public Job(
      long id,
      String taskName,
      byte[] payload,
      Optional<Duration> timeout,
      CompletableFuture<byte[]> future) {
    this(id, taskName, payload, timeout, future, new AtomicInteger());
  }
}
