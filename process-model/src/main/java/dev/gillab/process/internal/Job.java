package dev.gillab.process.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted task as the pool queues it and a slot runs it: its request id, the task's name and
 * payload, its own timeout if any, and the future its caller holds. Immutable but for the future,
 * which is thread-safe.
 */
public record Job(
    long id,
    String taskName,
    byte[] payload,
    Optional<Duration> timeout,
    CompletableFuture<byte[]> future) {
  public Job(long id, String taskName, byte[] payload, Optional<Duration> timeout) {
    this(id, taskName, payload, timeout, new CompletableFuture<>());
  }
}
