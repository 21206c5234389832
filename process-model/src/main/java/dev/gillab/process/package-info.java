/**
 * Processes that share nothing: child JVMs, a framed wire protocol, and a crash-tolerant pool.
 *
 * <p>{@link dev.gillab.process.ChildJvm} starts a child JVM with this JVM's {@code java} binary and
 * class path, drains its output, reports how it ended and never leaves it behind. {@link
 * dev.gillab.process.Frame} is the unit of the wire protocol: bytes only, no Java serialization.
 * {@link dev.gillab.process.ProcessPool} runs named tasks in worker JVMs and survives any of them
 * dying.
 */
@CheckReturnValue
package dev.gillab.process;

import com.google.errorprone.annotations.CheckReturnValue;
