/**
 * The interleaving explorer: run a small concurrent program under every schedule (or a seeded
 * sample of them), one atomic step at a time, and get each schedule that breaks it back as a trace
 * table and as a string that replays it exactly.
 *
 * <p>A {@link dev.gillab.threads.explore.Program} is a recipe: a factory for fresh shared state,
 * one {@link dev.gillab.threads.explore.ThreadBody} per thread that splits the thread's work into
 * {@link dev.gillab.threads.explore.Step}s, and an invariant on the final state. The {@link
 * dev.gillab.threads.explore.Explorer} runs each step on the program thread's own real Java thread
 * but lets only one run at a time, so a run is a function of its {@link
 * dev.gillab.threads.explore.Schedule} alone. Where the tallies of {@code dev.gillab.threads.tally}
 * show what the machine happened to do, the explorer proves what every interleaving does, for
 * programs small enough to enumerate. {@link dev.gillab.threads.explore.Classics} has the lost
 * update and the opposite-order deadlock, ready to explore.
 */
package dev.gillab.threads.explore;
