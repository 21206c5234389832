package dev.gillab.process;

import com.google.errorprone.annotations.Immutable;

/**
 * Counters of a {@link ProcessPool}, read at one moment (each counter is exact; together they are a
 * snapshot only when the pool is quiet). Immutable; thread-safe.
 *
 * @param tasksDone tasks that returned a result
 * @param tasksFailed tasks that ended any other way (task threw, worker crashed, timeout, bad
 *     frame, cancelled by {@code shutdownNow})
 * @param workersStarted worker JVMs launched, replacements included
 * @param workersCrashed workers that died on their own or were killed from outside the pool
 * @param workersRecycled workers retired after {@code maxTasksPerWorker} tasks
 * @param workersKilled workers the pool killed: a task timed out or the worker sent a bad frame
 */
@Immutable
public record PoolStats(
    long tasksDone,
    long tasksFailed,
    long workersStarted,
    long workersCrashed,
    long workersRecycled,
    long workersKilled) {}
