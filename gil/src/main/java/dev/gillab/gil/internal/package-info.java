/**
 * Mechanics of the interpreter: the verifier, the object model on the heap, the eval loop and
 * thread state. Not API: anything here may change without notice.
 */
package dev.gillab.gil.internal;
