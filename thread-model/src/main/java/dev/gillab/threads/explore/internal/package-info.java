/**
 * Mechanics of the interleaving explorer: the program threads, the run engine and the trace table.
 * Not API: anything here may change without notice.
 */
package dev.gillab.threads.explore.internal;
