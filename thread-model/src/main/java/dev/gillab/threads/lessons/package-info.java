/**
 * Runnable lessons of the thread-model chapter: threads that share state, the update a race loses,
 * and three ways to stop losing it. Run them all, in order, with {@link
 * dev.gillab.threads.lessons.AllLessons}.
 */
package dev.gillab.threads.lessons;
