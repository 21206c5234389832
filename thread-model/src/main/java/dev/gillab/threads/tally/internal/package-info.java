/**
 * Mechanics of the outcome tally: the round runner and the table layout. Not API: anything here may
 * change without notice; use {@link dev.gillab.threads.tally} instead.
 */
package dev.gillab.threads.tally.internal;
