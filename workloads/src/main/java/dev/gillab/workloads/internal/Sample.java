package dev.gillab.workloads.internal;

import org.jspecify.annotations.Nullable;

/**
 * One timed run of one mode: wall seconds, GIL switches, percent of thread time waiting for the
 * GIL (null where it could not be measured). Immutable.
 */
public record Sample(double seconds, long switches, @Nullable Double waitPercent) {}
