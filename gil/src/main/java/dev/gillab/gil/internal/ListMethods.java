package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods of list: append, pop, insert, extend, index, count, remove, reverse, sort. Each keeps
 * the list's rule that it holds one reference per item, and refuses an item that would make the
 * list contain itself (reference counting cannot free a cycle). The items each one scans or copies
 * are charged to the instruction budget; growth, to the byte budget.
 */
final class ListMethods {
  private ListMethods() {}

  static final ImmutableMap<String, Method> METHODS =
      ImmutableMap.<String, Method>builder()
          .put(
              "append",
              (rt, ts, self, a) -> {
                PyValue v = a.exactly(1).get(0);
                PyValue.incRef(v);
                try {
                  Ops.listAppend(ts, self, v);
                } catch (RuntimeException e) {
                  PyValue.decRef(v);
                  throw e;
                }
                return rt.space().none();
              })
          .put(
              "pop",
              (rt, ts, self, a) -> {
                a.noKeywords().between(0, 1);
                PyList list = (PyList) self;
                if (list.isEmpty()) {
                  throw new PyException("IndexError", "pop from empty list");
                }
                long i = a.size() == 0 ? -1 : Convert.index(a.get(0));
                return list.removeAt(i, "pop index out of range");
              })
          .put(
              "insert",
              (rt, ts, self, a) -> {
                if (a.noKeywords().size() != 2) {
                  throw PyException.type("insert expected 2 arguments, got " + a.size());
                }
                long i = Convert.index(a.get(0));
                PyValue v = a.get(1);
                checkNoCycle(ts, self, v);
                Ops.checkSize(((PyList) self).size() + 1L);
                ts.charge(((PyList) self).size()); // the items after i move up
                PyValue.incRef(v);
                try {
                  ((PyList) self).insert(i, v);
                } catch (RuntimeException e) {
                  PyValue.decRef(v);
                  throw e;
                }
                return rt.space().none();
              })
          .put(
              "extend",
              (rt, ts, self, a) -> {
                List<PyValue> items = Iteration.items(rt.space(), ts, a.exactly(1).get(0));
                try {
                  for (PyValue v : items) {
                    checkNoCycle(ts, self, v);
                  }
                  Ops.checkSize((long) ((PyList) self).size() + items.size());
                  ((PyList) self).addAll(items);
                } catch (RuntimeException e) {
                  Iteration.release(items);
                  throw e;
                }
                return rt.space().none();
              })
          .put(
              "index",
              (rt, ts, self, a) -> {
                PyValue v = a.exactly(1).get(0);
                List<PyValue> items = ((PyList) self).snapshot();
                for (int i = 0; i < items.size(); i++) {
                  ts.charge(1);
                  if (ObjectSpace.equal(ts, items.get(i), v, 0)) {
                    return rt.space().newInt(i);
                  }
                }
                throw new PyException("ValueError", ObjectSpace.repr(v) + " is not in list");
              })
          .put(
              "count",
              (rt, ts, self, a) -> {
                PyValue v = a.exactly(1).get(0);
                long n = 0;
                for (PyValue item : ((PyList) self).snapshot()) {
                  ts.charge(1);
                  if (ObjectSpace.equal(ts, item, v, 0)) {
                    n++;
                  }
                }
                return rt.space().newInt(n);
              })
          .put(
              "remove",
              (rt, ts, self, a) -> {
                PyValue removed = ((PyList) self).removeFirst(ts, a.exactly(1).get(0));
                if (removed == null) {
                  throw new PyException("ValueError", "list.remove(x): x not in list");
                }
                PyValue.decRef(removed);
                return rt.space().none();
              })
          .put(
              "reverse",
              (rt, ts, self, a) -> {
                a.exactly(0);
                ts.charge(((PyList) self).size());
                ((PyList) self).reverse();
                return rt.space().none();
              })
          .put(
              "sort",
              (rt, ts, self, a) -> {
                a.keywords("key", "reverse");
                if (a.size() > 0) {
                  throw PyException.type("sort() takes no positional arguments");
                }
                PyList list = (PyList) self;
                List<PyValue> items = new ArrayList<>(list.snapshot());
                Sorting.sort(rt, ts, items, a.keyword("key"), a.keyword("reverse"));
                list.reorder(items);
                return rt.space().none();
              })
          .buildOrThrow();

  private static void checkNoCycle(ThreadState ts, PyValue list, PyValue v) {
    if (ObjectSpace.reaches(ts, v, list)) {
      throw new PyException(
          "ValueError",
          "appending would make a list contain itself: reference counting cannot free a cycle");
    }
  }
}
