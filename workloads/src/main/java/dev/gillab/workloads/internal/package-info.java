/**
 * Mechanics of the workloads module: the GIL wait meter, the programs the experiments run, the host
 * functions doing blocking IO, the tasks pool workers run, virtual threads found at run time. Not
 * API: anything here may change without notice.
 */
package dev.gillab.workloads.internal;
