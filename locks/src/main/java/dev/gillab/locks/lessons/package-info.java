/**
 * Runnable lessons of the locks chapter, one concept each; every lesson's output is checked by
 * {@code LessonsTest}. Not API.
 */
package dev.gillab.locks.lessons;
