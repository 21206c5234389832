package dev.gillab.workloads.internal;

import org.jspecify.annotations.Nullable;

/**
 * One timed run of one mode: wall seconds, GIL switches and percent of the threads' GIL time
 * spent waiting for it — both null where the mode has no GIL (policy {@code none}). Immutable.
 */
public record Sample(double seconds, @Nullable Long switches, @Nullable Double waitPercent) {}
