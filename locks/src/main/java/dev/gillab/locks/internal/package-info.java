/**
 * Mechanics of the locks module: the AQS synchronizer, the wait-for registry, the lock-order graph
 * and the per-thread stack of held locks. Not API: anything here may change without notice; depend
 * on {@code dev.gillab.locks} instead.
 */
package dev.gillab.locks.internal;
