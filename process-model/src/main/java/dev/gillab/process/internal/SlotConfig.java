package dev.gillab.process.internal;

import dev.gillab.process.ChildJvm;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every slot of a pool shares: how to launch a worker, the frame limit, when to recycle a
 * worker, how long a start may take, and the initializer every worker runs before it is ready.
 * Immutable once the pool's builder has made it (the builder hands over a copied payload).
 */
public record SlotConfig(
    Supplier<ChildJvm> launcher,
    int maxFrameBytes,
    int maxTasksPerWorker,
    Duration startTimeout,
    String initializerTask,
    // Bytes handed to each worker as they are; the record is never compared or hashed.
    @SuppressWarnings("ArrayRecordComponent") byte[] initializerPayload) {}
