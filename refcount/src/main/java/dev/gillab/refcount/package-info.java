/**
 * Reference-counted objects, the strategies that keep their counts (plain, atomic, biased,
 * immortal) and a {@link dev.gillab.refcount.Heap} that detects use-after-free, double free and
 * leaks. Start with {@link dev.gillab.refcount.Heap#builder()}.
 */
@NullMarked
package dev.gillab.refcount;

import org.jspecify.annotations.NullMarked;
