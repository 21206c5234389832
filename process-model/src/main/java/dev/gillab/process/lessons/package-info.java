/** Runnable lessons of the process model, one concept each; their output is checked by a test. */
package dev.gillab.process.lessons;
