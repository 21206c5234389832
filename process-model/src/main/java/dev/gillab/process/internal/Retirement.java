package dev.gillab.process.internal;

/** How a worker left its slot, which decides the counter it lands in. */
enum Retirement {
  /** It died by itself (exit, halt, a signal from outside the pool). */
  CRASHED,
  /** The pool killed it: a timeout, a bad frame, a fault in the slot. */
  KILLED,
  /** It ran its quota of tasks and was stopped gracefully. */
  RECYCLED,
  /** The pool stopped or a start failed: counted nowhere. */
  STOPPED
}
