/**
 * Mechanics of the process model: class-path discovery, stream draining, frame reading and writing,
 * the worker's main loop, the parent watch. Not API: anything here may change.
 */
package dev.gillab.process.internal;
