package dev.gillab.gil.internal;

import java.util.List;

/**
 * The instructions the Python front end added, out of line: the eval loop's switch calls these so
 * that its own method stays small enough for the JIT to compile the hot loop as before (a method
 * over 8,000 bytes of bytecode is never compiled).
 *
 * <p>Each takes the stack and its depth and answers the new depth. None changes the stack before it
 * can no longer fail: on an error the stack is as the instruction found it, and the frame's
 * unwinding releases every slot exactly once.
 */
final class Instructions {
  private Instructions() {}

  static int unaryNegative(ObjectSpace space, PyValue[] stack, int sp) {
    PyValue v = stack[sp - 1];
    PyValue r;
    if (v instanceof PyInt pyInt) {
      long x = pyInt.value;
      if (x == Long.MIN_VALUE) {
        throw new PyException("OverflowError", "int result does not fit in 64 bits");
      }
      r = space.newInt(-x);
    } else if (v instanceof PyFloat pyFloat) {
      r = space.newFloat(-pyFloat.value);
    } else {
      throw PyException.type("bad operand type for unary -: '" + v.typeName() + "'");
    }
    stack[sp - 1] = r;
    PyValue.decRef(v);
    return sp;
  }

  static int unaryNot(ObjectSpace space, PyValue[] stack, int sp) {
    PyValue v = stack[sp - 1];
    stack[sp - 1] = space.bool(!ObjectSpace.truthy(v));
    PyValue.decRef(v);
    return sp;
  }

  /** {@code container[index]}. */
  static int binarySubscr(ObjectSpace space, ThreadState ts, PyValue[] stack, int sp) {
    PyValue index = stack[sp - 1];
    PyValue c = stack[sp - 2];
    PyValue r;
    if (c instanceof PyList pyList) {
      r = pyList.item(index(index, "list"));
    } else if (c instanceof PyTuple pyTuple) {
      PyValue[] items = pyTuple.items;
      long i = index(index, "tuple");
      long at = i < 0 ? i + items.length : i;
      if (at < 0 || at >= items.length) {
        throw new PyException("IndexError", "tuple index out of range");
      }
      r = items[(int) at];
      PyValue.incRef(r);
    } else if (c instanceof PyStr pyStr) {
      if (!(index instanceof PyInt pyInt)) {
        throw PyException.type("string indices must be integers, not '" + index.typeName() + "'");
      }
      r = space.newStr(Strings.at(ts, pyStr, pyInt.value));
    } else if (c instanceof PyRange range) {
      long i = index(index, "range");
      long at = i < 0 ? i + range.length : i;
      if (at < 0 || at >= range.length) {
        throw new PyException("IndexError", "range object index out of range");
      }
      r = space.newInt(range.at(at));
    } else {
      throw PyException.type("'" + c.typeName() + "' object is not subscriptable");
    }
    sp -= 2;
    stack[sp++] = r;
    PyValue.decRef(c);
    PyValue.decRef(index);
    return sp;
  }

  private static long index(PyValue index, String type) {
    if (!(index instanceof PyInt pyInt)) {
      throw PyException.type(type + " indices must be integers or slices, not " + index.typeName());
    }
    return pyInt.value;
  }

  /**
   * {@code c}, the container of an item {@code change} ("assignment", "deletion"), as the list it
   * must be; else CPython's TypeError, whose wording for deleting from an immutable sequence is
   * "doesn't".
   */
  private static PyList changedList(PyValue c, String change) {
    if (c instanceof PyList pyList) {
      return pyList;
    }
    boolean sequence = c instanceof PyTuple || c instanceof PyStr || c instanceof PyRange;
    String does = sequence && change.equals("deletion") ? "doesn't" : "does not";
    throw PyException.type("'" + c.typeName() + "' object " + does + " support item " + change);
  }

  /** {@code container[index] = value}: stack is value, container, index. */
  static int storeSubscr(ThreadState ts, PyValue[] stack, int sp) {
    PyValue index = stack[sp - 1];
    PyValue c = stack[sp - 2];
    PyValue v = stack[sp - 3];
    PyList list = changedList(c, "assignment");
    long i = index(index, "list");
    if (ObjectSpace.reaches(ts, v, c)) {
      throw new PyException(
          "ValueError",
          "storing would make a list contain itself: reference counting cannot free a cycle");
    }
    PyValue old = list.replace(i, v); // the list takes over the stack's reference to v
    sp -= 3;
    PyValue.decRef(old);
    PyValue.decRef(c);
    PyValue.decRef(index);
    return sp;
  }

  /** {@code del container[index]}. */
  static int deleteSubscr(PyValue[] stack, int sp) {
    PyValue index = stack[sp - 1];
    PyValue c = stack[sp - 2];
    PyValue old =
        changedList(c, "deletion")
            .removeAt(index(index, "list"), "list assignment index out of range");
    sp -= 2;
    PyValue.decRef(old);
    PyValue.decRef(c);
    PyValue.decRef(index);
    return sp;
  }

  static int buildTuple(ObjectSpace space, PyValue[] stack, int sp, int n) {
    PyValue[] items = new PyValue[n];
    System.arraycopy(stack, sp - n, items, 0, n);
    sp -= n; // the tuple takes over the stack's references, and releases them if it fails
    PyValue t = space.newTuple(items);
    stack[sp++] = t;
    return sp;
  }

  /** Pops a sequence of exactly {@code n} items and pushes them, the first on top. */
  static int unpack(ObjectSpace space, ThreadState ts, PyValue[] stack, int sp, int n) {
    PyValue seq = stack[sp - 1];
    if (!(seq instanceof PyList
        || seq instanceof PyTuple
        || seq instanceof PyStr
        || seq instanceof PyRange
        || seq instanceof PyIterator)) {
      throw PyException.type("cannot unpack non-iterable " + seq.typeName() + " object");
    }
    List<PyValue> items = Iteration.items(space, ts, seq);
    if (items.size() != n) {
      Iteration.release(items);
      if (items.size() > n) {
        throw new PyException("ValueError", "too many values to unpack (expected " + n + ")");
      }
      throw new PyException(
          "ValueError",
          "not enough values to unpack (expected " + n + ", got " + items.size() + ")");
    }
    sp--;
    for (int i = n - 1; i >= 0; i--) {
      stack[sp++] = items.get(i);
    }
    PyValue.decRef(seq);
    return sp;
  }

  /** {@code item in container} (invert: {@code not in}). Stack: item, container. */
  static int contains(ObjectSpace space, ThreadState ts, PyValue[] stack, int sp, boolean invert) {
    PyValue c = stack[sp - 1];
    PyValue item = stack[sp - 2];
    boolean found;
    if (c instanceof PyStr cs) {
      if (!(item instanceof PyStr itemStr)) {
        throw PyException.type(
            "'in <string>' requires string as left operand, not " + item.typeName());
      }
      String s = cs.value;
      String sub = itemStr.value;
      Strings.chargeSearch(ts, s, sub);
      found = s.contains(sub);
    } else if (c instanceof PyList || c instanceof PyTuple) {
      found = false;
      for (PyValue v : ObjectSpace.items(c)) {
        ts.charge(1);
        if (v == item || ObjectSpace.equal(ts, v, item, 0)) {
          found = true;
          break;
        }
      }
    } else if (c instanceof PyRange r) {
      if (item instanceof PyInt pyInt) {
        found = r.contains(pyInt.value);
      } else {
        found = false;
        for (long i = 0; i < r.length && !found; i++) {
          ts.charge(1);
          PyValue n = space.newInt(r.at(i));
          found = ObjectSpace.equal(ts, n, item, 0);
          PyValue.decRef(n);
        }
      }
    } else {
      throw PyException.type("argument of type '" + c.typeName() + "' is not iterable");
    }
    sp -= 2;
    stack[sp++] = space.bool(found != invert);
    PyValue.decRef(c);
    PyValue.decRef(item);
    return sp;
  }

  static int isOp(ObjectSpace space, PyValue[] stack, int sp, boolean invert) {
    PyValue r = stack[sp - 1];
    PyValue l = stack[sp - 2];
    sp -= 2;
    stack[sp++] = space.bool((l == r) != invert);
    PyValue.decRef(l);
    PyValue.decRef(r);
    return sp;
  }

  static int getIter(ObjectSpace space, PyValue[] stack, int sp) {
    PyValue v = stack[sp - 1];
    stack[sp - 1] = Iteration.iter(space, v);
    PyValue.decRef(v);
    return sp;
  }

  /** The iterator's next item (a new reference), or null when it is exhausted. */
  static PyValue next(ObjectSpace space, PyValue it) {
    if (!(it instanceof PyIterator pyIterator)) {
      throw PyException.type("'" + it.typeName() + "' object is not an iterator");
    }
    return pyIterator.next(space);
  }

  static int makeFunction(ObjectSpace space, PyValue[] stack, int sp) {
    PyValue c = stack[sp - 1];
    if (!(c instanceof PyCode pyCode)) {
      throw PyException.type("MAKE_FUNCTION needs a code object, got '" + c.typeName() + "'");
    }
    stack[sp - 1] = space.mortal(new PyFunction(pyCode.code));
    PyValue.decRef(c);
    return sp;
  }

  /**
   * {@code CALL_FUNCTION argc} (kw false) or {@code CALL_FUNCTION_KW argc} (kw true: a tuple of
   * names on top). The callable and arguments stay on the stack during the call (the callee borrows
   * them) and are released after it.
   */
  static int call(PyRuntime rt, ThreadState ts, PyValue[] stack, int sp, int argc, boolean kw) {
    String[] names = null;
    int top = sp;
    if (kw) {
      PyValue t = stack[sp - 1];
      if (!(t instanceof PyTuple pyTuple)) {
        throw PyException.type("CALL_FUNCTION_KW needs a tuple of names");
      }
      PyValue[] items = pyTuple.items;
      names = new String[items.length];
      for (int i = 0; i < items.length; i++) {
        if (!(items[i] instanceof PyStr) || items.length > argc) {
          throw PyException.type("CALL_FUNCTION_KW needs a tuple of at most argc strs");
        }
        names[i] = ((PyStr) items[i]).value;
      }
      top = sp - 1;
    }
    int base = top - argc;
    PyValue f = stack[base - 1];
    PyValue result =
        f instanceof PyFunction pyFunction
            ? pyFunction.callFromStack(rt, ts, stack, base, argc, names)
            : f.call(rt, ts, stack, base, argc, names);
    if (result == Frame.SUSPENDED) {
      return -1; // stepping: the callee's frame was pushed, and finishCall runs when it returns
    }
    return finishCall(stack, base - 1, sp, result);
  }

  /**
   * The end of a call: releases the callable and the arguments still on the stack, from {@code
   * callable} up to {@code sp}, and pushes the result in the callable's place. Answers the new
   * depth.
   */
  static int finishCall(PyValue[] stack, int callable, int sp, PyValue result) {
    for (int i = callable; i < sp; i++) {
      PyValue o = stack[i];
      if (o != null) { // a Python function took its arguments' references over
        stack[i] = null;
        PyValue.decRef(o);
      }
    }
    stack[callable] = result;
    return callable + 1;
  }

  /** Enters a lock: acquires it, pushes the exit under {@code True}. */
  static int beforeWith(PyRuntime rt, ThreadState ts, PyValue[] stack, int sp) {
    PyValue m = stack[sp - 1];
    if (!(m instanceof PyLock pyLock)) {
      throw PyException.type(
          "'" + m.typeName() + "' object does not support the context manager protocol");
    }
    Modules.acquire(rt, ts, pyLock, true, -1);
    PyValue exit;
    PyValue.incRef(m); // the exit's own: a refused allocation releases it, the stack keeps its
    try {
      exit = rt.space().container(new PyWithExit(pyLock));
    } catch (RuntimeException e) {
      pyLock.release();
      throw e;
    }
    stack[sp - 1] = exit;
    PyValue.decRef(m);
    stack[sp++] = rt.space().trueObject();
    return sp;
  }

  static PyException assertion(
      ObjectSpace space, ThreadState ts, PyValue[] stack, int sp, int withMessage) {
    return new PyException("AssertionError", withMessage == 1 ? space.str(ts, stack[sp - 1]) : "");
  }

  static int formatValue(ObjectSpace space, ThreadState ts, PyValue[] stack, int sp, int repr) {
    PyValue v = stack[sp - 1];
    if (repr == 0 && v instanceof PyStr) {
      return sp;
    }
    stack[sp - 1] = space.newStr(repr == 1 ? space.repr(ts, v) : space.str(ts, v));
    PyValue.decRef(v);
    return sp;
  }

  static int buildString(ObjectSpace space, ThreadState ts, PyValue[] stack, int sp, int n) {
    String[] parts = new String[n];
    long length = 0;
    for (int i = 0; i < n; i++) {
      parts[i] = space.str(ts, stack[sp - n + i]);
      length += parts[i].length();
    }
    Ops.checkSize(length);
    ts.chargeChars(length);
    space.checkStrRoom(length);
    StringBuilder out = new StringBuilder((int) length);
    for (String part : parts) {
      out.append(part);
    }
    PyValue s = space.newStr(out.toString());
    for (int i = sp - n; i < sp; i++) {
      PyValue o = stack[i];
      stack[i] = null;
      PyValue.decRef(o);
    }
    sp -= n;
    stack[sp++] = s;
    return sp;
  }

  /** Calls every with-exit on the unwinding frame's stack, top first; their errors are dropped. */
  static void exitWiths(PyValue[] stack, int sp) {
    for (int i = sp - 1; i >= 0; i--) {
      if (stack[i] instanceof PyWithExit) {
        try {
          ((PyWithExit) stack[i]).exit();
        } catch (PyException e) {
          // The error that unwinds the frame is the one reported.
        }
      }
    }
  }
}
