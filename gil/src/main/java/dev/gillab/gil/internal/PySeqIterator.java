package dev.gillab.gil.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Iterates a list, a tuple or a str by index, holding a reference to it. A list is read at each
 * step, so items appended during the loop are seen, as in CPython. A str steps by code point.
 */
public final class PySeqIterator extends PyIterator {
  private PyValue seq;
  private int index;

  /** Takes over the caller's reference to {@code seq}. */
  PySeqIterator(PyValue seq) {
    this.seq = seq;
  }

  @Override
  @Nullable PyValue next(ObjectSpace space) {
    PyValue s = seq;
    if (s instanceof PyList pyList) {
      PyValue item = pyList.getRef(index);
      if (item != null) {
        index++;
      }
      return item;
    }
    if (s instanceof PyTuple pyTuple) {
      PyValue[] items = pyTuple.items;
      if (index >= items.length) {
        return null;
      }
      PyValue item = items[index++];
      PyValue.incRef(item);
      return item;
    }
    if (s instanceof PyStr pyStr) {
      String v = pyStr.value;
      if (index >= v.length()) {
        return null;
      }
      int cp = v.codePointAt(index);
      index += Character.charCount(cp);
      return space.newStr(new String(Character.toChars(cp)));
    }
    return null;
  }

  @Override
  void dropReferences(Collection<PyValue> out) {
    if (seq != null) {
      out.add(seq);
      seq = null;
    }
  }

  @Override
  void references(Collection<PyValue> out) {
    if (seq != null) {
      out.add(seq);
    }
  }

  @Override
  public String typeName() {
    PyValue s = seq;
    if (s instanceof PyTuple) {
      return "tuple_iterator";
    }
    if (s instanceof PyStr) {
      return "str_iterator";
    }
    return "list_iterator";
  }
}
