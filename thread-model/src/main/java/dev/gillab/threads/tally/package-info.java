/**
 * Outcome tallies: run a small concurrent test many times on real threads and count what happened.
 *
 * <p>A test is a shared state made fresh for every round, two or more actors that each act on it
 * from their own thread (recording what they observe in the state), and an arbiter that turns the
 * finished state into an outcome. {@link dev.gillab.threads.tally.OutcomeTally} runs the rounds,
 * starting the actors together each round, and counts each outcome; each outcome is then graded
 * against what the test declared ({@link dev.gillab.threads.tally.Expect}) and shown in a table.
 * The harness can only show what the machine happened to do: a race that never showed up was not
 * disproved. To see every interleaving, use the interleaving explorer.
 */
package dev.gillab.threads.tally;
