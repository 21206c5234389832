/**
 * Owned locks, owned read/write locks ({@link dev.gillab.locks.OwnedReadWriteLock}, checked by
 * lockdep's rule for reads) and guarded objects, and the whole answer to deadlock: detect the real
 * one (wait-for graph, {@link dev.gillab.locks.Policy#THROW} before blocking, or a {@link
 * dev.gillab.locks.Watchdog}), warn of the potential one (lock-order graph across time), prevent it
 * ({@link dev.gillab.locks.OrderedAcquisition}; a known-safe order is declared once with {@link
 * dev.gillab.locks.LockSet.Builder#allowOrder}) and recover from it ({@link
 * dev.gillab.locks.TimedAcquisition}). Start with {@link dev.gillab.locks.LockSet}.
 */
@NullMarked
package dev.gillab.locks;

import org.jspecify.annotations.NullMarked;
