package dev.gillab.gil.internal;

import dev.gillab.gil.CompareOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code sorted()} and {@code list.sort()}: a stable merge sort that compares only with {@code <},
 * as CPython's does, so a type error in a comparison surfaces as CPython's TypeError and an
 * inconsistent order (NaN) cannot break the sort. {@code reverse=True} reverses, sorts and reverses
 * again, which keeps equal items in their original order, as CPython does. Each comparison is
 * charged to the instruction budget.
 */
final class Sorting {
  private Sorting() {}

  /** Sorts {@code items} (references the caller owns) in place. */
  static void sort(
      PyRuntime rt,
      ThreadState ts,
      List<PyValue> items,
      @Nullable PyValue key,
      @Nullable PyValue reverse) {
    boolean rev = reverse != null && ObjectSpace.truthy(reverse);
    PyValue keyFn = key instanceof PyNone ? null : key;
    if (rev) {
      Collections.reverse(items);
    }
    int n = items.size();
    List<PyValue> keys = new ArrayList<>(n);
    try {
      for (PyValue item : items) {
        keys.add(keyFn == null ? item : rt.call(ts, keyFn, item));
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      mergeSort(ts, order, new Integer[n], 0, n, keys);
      List<PyValue> sorted = new ArrayList<>(n);
      for (Integer i : order) {
        sorted.add(items.get(i));
      }
      items.clear();
      items.addAll(sorted);
    } finally {
      if (keyFn != null) {
        Iteration.release(keys);
      }
    }
    if (rev) {
      Collections.reverse(items);
    }
  }

  private static void mergeSort(
      ThreadState ts, Integer[] a, Integer[] tmp, int from, int to, List<PyValue> keys) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(ts, a, tmp, from, mid, keys);
    mergeSort(ts, a, tmp, mid, to, keys);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      // Take from the right only when it is strictly less: stability.
      ts.charge(1);
      if (Ops.compare(ts, CompareOp.LT, keys.get(a[j]), keys.get(a[i]))) {
        tmp[k++] = a[j++];
      } else {
        tmp[k++] = a[i++];
      }
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < to) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, from, a, from, to - from);
  }
}
