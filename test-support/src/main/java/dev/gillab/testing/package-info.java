/**
 * What the tests of every gil-lab module share. Test scope only: no module's main code depends on
 * it.
 *
 * <ul>
 *   <li>{@link dev.gillab.testing.LessonDocs}: a lesson's documented output, from its Javadoc's
 *       "Output" block and its chapter's code block, and what its {@code main} prints;
 *   <li>{@link dev.gillab.testing.LogCapture}: log records a test provokes on purpose, kept for the
 *       test to assert on instead of printed into the build's output;
 *   <li>{@link dev.gillab.testing.Xorshift}: CPU-bound work that touches no memory, for benchmarks
 *       that measure cores.
 * </ul>
 */
package dev.gillab.testing;
