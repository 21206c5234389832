package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The methods of str: join, split, strip, lstrip, rstrip, upper, lower, startswith, endswith,
 * replace, find, count, isdigit. Indexes they answer count code points. Each charges the chars it
 * scans or copies to the instruction budget, a search at its worst case ({@link
 * Strings#chargeSearch}), and a method that builds a long str (join, replace) sizes it first and
 * refuses it, unbuilt, past the limits.
 */
final class StrMethods {
  private StrMethods() {}

  static final ImmutableMap<String, Method> METHODS =
      ImmutableMap.<String, Method>builder()
          .put("join", StrMethods::join)
          .put(
              "split",
              (rt, ts, self, a) -> {
                a.keywords("sep", "maxsplit").between(0, 2);
                String sep = Convert.strOrNone(a.get(0, "sep"), "sep");
                PyValue max = a.get(1, "maxsplit");
                Strings.chargeSearch(ts, s(self), sep == null ? "" : sep);
                List<String> parts =
                    Strings.split(s(self), sep, max == null ? -1 : Convert.index(max));
                ts.charge(parts.size());
                rt.space().checkSlotsRoom(parts.size());
                ArrayList<PyValue> items = new ArrayList<>(parts.size());
                for (String p : parts) {
                  items.add(rt.space().newStr(p));
                }
                return rt.space().newList(items);
              })
          .put("strip", (rt, ts, self, a) -> strip(rt, ts, self, a, true, true))
          .put("lstrip", (rt, ts, self, a) -> strip(rt, ts, self, a, true, false))
          .put("rstrip", (rt, ts, self, a) -> strip(rt, ts, self, a, false, true))
          .put(
              "upper",
              (rt, ts, self, a) -> {
                a.exactly(0);
                ts.chargeChars(s(self).length());
                rt.space().checkStrRoom(s(self).length());
                return rt.space().newStr(s(self).toUpperCase(Locale.ROOT));
              })
          .put(
              "lower",
              (rt, ts, self, a) -> {
                a.exactly(0);
                ts.chargeChars(s(self).length());
                rt.space().checkStrRoom(s(self).length());
                return rt.space().newStr(s(self).toLowerCase(Locale.ROOT));
              })
          .put("startswith", (rt, ts, self, a) -> affix(rt, ts, self, a, true))
          .put("endswith", (rt, ts, self, a) -> affix(rt, ts, self, a, false))
          .put(
              "replace",
              (rt, ts, self, a) -> {
                a.noKeywords().between(2, 3);
                String old = Convert.str(a.get(0), "replace() argument 1");
                String rep = Convert.str(a.get(1), "replace() argument 2");
                long count = a.size() == 3 ? Convert.index(a.get(2)) : -1;
                Strings.chargeSearch(ts, s(self), old);
                long length = Strings.replacedLength(s(self), old, rep, count);
                Ops.checkSize(length);
                ts.chargeChars(length);
                rt.space().checkStrRoom(length);
                return rt.space().newStr(Strings.replace(s(self), old, rep, count));
              })
          .put(
              "find",
              (rt, ts, self, a) -> {
                a.noKeywords().between(1, 1);
                Strings.chargeSearch(ts, s(self), sub(a.get(0)));
                return rt.space().newInt(Strings.find(s(self), sub(a.get(0))));
              })
          .put(
              "count",
              (rt, ts, self, a) -> {
                a.noKeywords().between(1, 1);
                Strings.chargeSearch(ts, s(self), sub(a.get(0)));
                return rt.space().newInt(Strings.count(s(self), sub(a.get(0))));
              })
          .put(
              "isdigit",
              (rt, ts, self, a) -> {
                a.exactly(0);
                ts.chargeChars(s(self).length());
                return rt.space().bool(Strings.isDigit(s(self)));
              })
          .buildOrThrow();

  private static String s(PyValue self) {
    return ((PyStr) self).value;
  }

  private static String sub(PyValue v) {
    if (!(v instanceof PyStr pyStr)) {
      throw PyException.type("must be str, not " + v.typeName());
    }
    return pyStr.value;
  }

  private static PyValue join(PyRuntime rt, ThreadState ts, PyValue self, Args a) {
    List<PyValue> items = Iteration.items(rt.space(), ts, a.exactly(1).get(0));
    try {
      String sep = s(self);
      long length = 0;
      for (int i = 0; i < items.size(); i++) {
        PyValue item = items.get(i);
        if (!(item instanceof PyStr pyStr)) {
          throw PyException.type(
              "sequence item " + i + ": expected str instance, " + item.typeName() + " found");
        }
        length += (i > 0 ? sep.length() : 0) + pyStr.value.length();
      }
      Ops.checkSize(length);
      ts.chargeChars(length);
      rt.space().checkStrRoom(length);
      StringBuilder out = new StringBuilder((int) length);
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(sep);
        }
        out.append(((PyStr) items.get(i)).value);
      }
      return rt.space().newStr(out.toString());
    } finally {
      Iteration.release(items);
    }
  }

  private static PyValue strip(
      PyRuntime rt, ThreadState ts, PyValue self, Args a, boolean left, boolean right) {
    a.noKeywords().between(0, 1);
    @Nullable String chars = Convert.strOrNone(a.size() == 0 ? null : a.get(0), "strip arg");
    Strings.chargeSearch(ts, s(self), chars == null ? "" : chars); // each char looked up in chars
    return rt.space().newStr(Strings.strip(s(self), chars, left, right));
  }

  /** {@code startswith}/{@code endswith} of a str or a tuple of strs. */
  private static PyValue affix(PyRuntime rt, ThreadState ts, PyValue self, Args a, boolean start) {
    a.noKeywords().between(1, 1);
    PyValue p = a.get(0);
    String name = start ? "startswith" : "endswith";
    List<PyValue> options = p instanceof PyTuple ? ObjectSpace.items(p) : List.of(p);
    for (PyValue o : options) {
      if (!(o instanceof PyStr pyStr)) {
        throw PyException.type(
            p instanceof PyTuple
                ? "tuple for " + name + " must only contain str, not " + o.typeName()
                : name + " first arg must be str or a tuple of str, not " + o.typeName());
      }
      String x = pyStr.value;
      ts.chargeChars(x.length());
      if (start ? s(self).startsWith(x) : s(self).endsWith(x)) {
        return rt.space().trueObject();
      }
    }
    return rt.space().falseObject();
  }
}
