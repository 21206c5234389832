/**
 * Mechanics of the refcount heap: counters, debug records, allocation sites and the split
 * read/write steps of a plain count. Not API: anything here may change without notice.
 */
package dev.gillab.refcount.internal;
