package dev.gillab.gil.internal;

/**
 * A method of a built-in type ({@code list.append}, {@code str.join}, {@code Lock.acquire}): {@code
 * self} and the arguments are borrowed from the caller; the answer is a new reference.
 */
@FunctionalInterface
interface Method {
  PyValue call(PyRuntime rt, ThreadState ts, PyValue self, Args args);
}
