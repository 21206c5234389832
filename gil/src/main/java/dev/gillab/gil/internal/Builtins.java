package dev.gillab.gil.internal;

import dev.gillab.gil.Gil;
import dev.gillab.gil.HostFunction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The builtins every interpreter has, and the adapters for host functions and code. */
public final class Builtins {
  private Builtins() {}

  /** {@code print(*args)}: str of each, separated by spaces, then a newline. */
  public static Callable print(ObjectSpace space, PrintStream out) {
    return new Callable("print", Callable.VARIADIC) {
      @Override
      public PyValue call(ThreadState ts, PyValue[] stack, int base, int argc) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < argc; i++) {
          if (i > 0) {
            line.append(' ');
          }
          line.append(space.str(ts, stack[base + i]));
        }
        out.println(line);
        return space.none();
      }
    };
  }

  /** {@code len(x)} of a str or list. */
  public static Callable len(ObjectSpace space) {
    return new Callable("len", 1) {
      @Override
      public PyValue call(ThreadState ts, PyValue[] stack, int base, int argc) {
        PyValue v = stack[base];
        if (v instanceof PyStr pyStr) {
          return space.newInt(pyStr.value.length());
        }
        if (v instanceof PyList pyList) {
          return space.newInt(pyList.size());
        }
        throw PyException.type("object of type '" + v.typeName() + "' has no len()");
      }
    };
  }

  /**
   * {@code getrefcount(x)}: the object's count while the call runs. The argument on the value stack
   * is one of its holders, so the answer is one more than the holders outside the call — CPython's
   * +1, for the same reason.
   */
  public static Callable getrefcount(ObjectSpace space) {
    return new Callable("getrefcount", 1) {
      @Override
      public PyValue call(ThreadState ts, PyValue[] stack, int base, int argc) {
        return space.newInt(stack[base].refCount());
      }
    };
  }

  /** {@code sleep(ms)}: sleeps with the GIL released, as {@code time.sleep} does. */
  public static Callable sleep(ObjectSpace space, Gil gil) {
    return new Callable("sleep", 1) {
      @Override
      public PyValue call(ThreadState ts, PyValue[] stack, int base, int argc) {
        PyValue v = stack[base];
        if (!(v instanceof PyInt pyInt) || pyInt.isBool()) {
          throw PyException.type(
              "sleep() takes an int of milliseconds, not '" + v.typeName() + "'");
        }
        long ms = pyInt.value;
        if (ms < 0) {
          throw new PyException("ValueError", "sleep length must be non-negative");
        }
        try {
          gil.allowThreads(
              () -> {
                Thread.sleep(ms);
                return null;
              });
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PyException("InterruptedError", "sleep was interrupted");
        }
        return space.none();
      }
    };
  }

  /** A host function; if {@code releasesGil}, it runs with the GIL released. */
  public static Callable host(
      String name, int arity, boolean releasesGil, HostFunction fn, ObjectSpace space, Gil gil) {
    return new Callable(name, arity) {
      @Override
      public PyValue call(ThreadState ts, PyValue[] stack, int base, int argc) {
        List<Object> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
          args.add(ObjectSpace.toJava(stack[base + i]));
        }
        List<Object> view = Collections.unmodifiableList(args);
        Object result;
        try {
          result = releasesGil ? gil.allowThreads(() -> fn.call(view)) : fn.call(view);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PyException(
              "InterruptedError", "host function '" + name + "' was interrupted", e);
        } catch (Exception e) {
          throw new PyException("RuntimeError", "host function '" + name + "' failed: " + e, e);
        }
        try {
          return space.fromJava(result);
        } catch (PyException e) {
          if (!e.kind().equals("TypeError")) {
            throw e; // a value too big (MemoryError) or too deep (RecursionError): as it is
          }
          throw PyException.type(
              "host function '"
                  + name
                  + "' returned a "
                  + result.getClass().getName()
                  + ", which has no interpreter value");
        }
      }
    };
  }

  /** Code registered as a function: each call runs it in a new frame. */
  public static final class CodeFunction extends Callable {
    private final EvalLoop loop;
    private LinkedCode code; // set once, at link time, before any call

    public CodeFunction(String name, int arity, EvalLoop loop) {
      super(name, arity);
      this.loop = loop;
    }

    public void bind(LinkedCode code) {
      this.code = code;
    }

    @Override
    public PyValue call(ThreadState ts, PyValue[] stack, int base, int argc) {
      PyValue[] locals = new PyValue[code.localCount];
      for (int i = 0; i < argc; i++) {
        PyValue a = stack[base + i];
        PyValue.incRef(a);
        locals[i] = a;
      }
      return loop.eval(code, locals, ts);
    }
  }
}
