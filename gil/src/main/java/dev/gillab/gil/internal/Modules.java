package dev.gillab.gil.internal;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The built-in modules: {@code sys} (getrefcount, get/setswitchinterval, maxsize), {@code time}
 * (sleep, perf_counter, monotonic, time) and {@code threading} (Thread, Lock, current_thread,
 * get_ident, active_count). Everything in them is immortal and made once per interpreter.
 */
final class Modules {
  private Modules() {}

  /** CPython's default switch interval, answered when the policy has none (ticks, none). */
  private static final double DEFAULT_INTERVAL = 0.005;

  static PyModule sys(ObjectSpace space) {
    return module(
        space,
        "sys",
        ImmutableMap.of(
            "getrefcount",
            fn(
                space,
                "getrefcount",
                (rt, ts, a) ->
                    // The argument's stack slot is one of its holders: CPython's +1.
                    rt.space().newInt(a.exactly(1).get(0).refCount())),
            "getswitchinterval",
            fn(
                space,
                "getswitchinterval",
                (rt, ts, a) -> {
                  a.exactly(0);
                  // CPython keeps whole microseconds and answers us * 1e-6 (0.05 reads 0.0499...).
                  return rt.space()
                      .newFloat(
                          rt.gil()
                              .switchInterval()
                              .map(d -> TimeUnit.NANOSECONDS.toMicros(d.toNanos()) * 1e-6)
                              .orElse(DEFAULT_INTERVAL));
                }),
            "setswitchinterval",
            fn(
                space,
                "setswitchinterval",
                (rt, ts, a) -> {
                  double s = Convert.real(a.exactly(1).get(0));
                  if (!(s > 0)) {
                    throw new PyException(
                        "ValueError", "switch interval must be strictly positive");
                  }
                  if (rt.gil().switchInterval().isPresent()) {
                    long micros = Math.max(1, (long) (1.0e6 * s)); // truncated, as CPython's cast
                    rt.gil().setSwitchInterval(Duration.ofNanos(micros * 1000));
                  }
                  return rt.space().none();
                }),
            "maxsize",
            space.immortal(new PyInt(Long.MAX_VALUE, false, true))));
  }

  static PyModule time(ObjectSpace space) {
    return module(
        space,
        "time",
        ImmutableMap.of(
            "sleep", fn(space, "sleep", Modules::sleep),
            "perf_counter", fn(space, "perf_counter", (rt, ts, a) -> monotonic(rt, ts, a)),
            "monotonic", fn(space, "monotonic", (rt, ts, a) -> monotonic(rt, ts, a)),
            "time",
                fn(
                    space,
                    "time",
                    (rt, ts, a) -> {
                      a.exactly(0);
                      if (ts.step != null) {
                        return rt.space().newFloat(ts.step.virtualNanos() / 1e9);
                      }
                      java.time.Instant now = java.time.Instant.now();
                      return rt.space().newFloat(now.getEpochSecond() + now.getNano() / 1e9);
                    })));
  }

  private static PyValue monotonic(PyRuntime rt, ThreadState ts, Args a) {
    a.exactly(0);
    if (ts.step != null) {
      return rt.space().newFloat(ts.step.virtualNanos() / 1e9); // a replay reads the same clock
    }
    return rt.space().newFloat(System.nanoTime() / 1e9);
  }

  /** {@code time.sleep(seconds)}: with the GIL released. */
  private static PyValue sleep(PyRuntime rt, ThreadState ts, Args a) {
    double s = Convert.real(a.exactly(1).get(0));
    if (s < 0) {
      throw new PyException("ValueError", "sleep length must be non-negative");
    }
    long nanos = Math.round(s * 1e9);
    if (ts.step != null) {
      ts.step.sleep(nanos); // in virtual time: a switch point, no real sleeping
      return rt.space().none();
    }
    try {
      rt.gil()
          .allowThreads(
              () -> {
                TimeUnit.NANOSECONDS.sleep(nanos);
                return null;
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PyException("KeyboardInterrupt", "sleep was interrupted");
    }
    return rt.space().none();
  }

  static PyModule threading(ObjectSpace space) {
    return module(
        space,
        "threading",
        ImmutableMap.of(
            "Thread",
            space.immortal(PyBuiltinFunction.type("Thread", "threading.Thread", Modules::thread)),
            "Lock",
            space.immortal(
                PyBuiltinFunction.function(
                    "allocate_lock",
                    (rt, ts, a) -> {
                      a.exactly(0);
                      return rt.space().mortal(new PyLock());
                    })),
            "current_thread",
            fn(
                space,
                "current_thread",
                (rt, ts, a) -> {
                  a.exactly(0);
                  PyThread t = ts.thread;
                  if (t == null) {
                    // A thread started from Java (Interpreter.start/run): CPython calls these
                    // dummies.
                    PyValue d =
                        rt.space()
                            .container(
                                new PyThread(Thread.currentThread().getName(), null, null, true));
                    ((PyThread) d).started = true;
                    ((PyThread) d).ident = Thread.currentThread().getId();
                    return d;
                  }
                  PyValue.incRef(t);
                  return t;
                }),
            "get_ident",
            fn(
                space,
                "get_ident",
                (rt, ts, a) -> {
                  a.exactly(0);
                  if (ts.step != null) {
                    return rt.space().newInt(ts.step.id);
                  }
                  return rt.space().newInt(Thread.currentThread().getId());
                }),
            "active_count",
            fn(
                space,
                "active_count",
                (rt, ts, a) -> {
                  a.exactly(0);
                  return rt.space()
                      .newInt(ts.step != null ? ts.step.engine.activeCount() : rt.activeCount());
                })));
  }

  /**
   * {@code Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None)};
   * keyword arguments for the target ({@code kwargs}) are not supported.
   */
  private static PyValue thread(PyRuntime rt, ThreadState ts, Args a) {
    a.keywords("group", "target", "name", "args", "kwargs", "daemon").between(0, 5);
    PyValue group = a.get(0, "group");
    if (group != null && !(group instanceof PyNone)) {
      throw new PyException("AssertionError", "group argument must be None for now");
    }
    PyValue kwargs = a.get(4, "kwargs");
    if (kwargs != null && !(kwargs instanceof PyNone)) {
      throw PyException.type("Thread() kwargs are not supported in gil-lab's Python subset");
    }
    PyValue target = a.get(1, "target");
    if (target instanceof PyNone) {
      target = null;
    }
    PyValue name = a.get(2, "name");
    PyValue args = a.get(3, "args");
    PyValue daemon = a.keyword("daemon");
    String n;
    if (name == null || name instanceof PyNone) {
      n = rt.nextThreadName();
      String targetName = targetName(target);
      if (targetName != null) {
        n += " (" + targetName + ")";
      }
    } else {
      n = ObjectSpace.str(name);
    }
    PyValue argTuple;
    if (args == null) {
      argTuple = rt.space().newTuple(new PyValue[0]);
    } else {
      java.util.List<PyValue> items = Iteration.items(rt.space(), ts, args);
      argTuple = rt.space().newTuple(items.toArray(new PyValue[0]));
    }
    boolean isDaemon =
        (daemon == null || daemon instanceof PyNone)
            ? ts.thread != null && ts.thread.daemon
            : ObjectSpace.truthy(daemon);
    if (target != null) {
      PyValue.incRef(target);
    }
    return rt.space().container(new PyThread(n, target, argTuple, isDaemon));
  }

  private static String targetName(PyValue target) {
    if (target instanceof PyFunction pyFunction) {
      return pyFunction.name();
    }
    if (target instanceof PyBuiltinFunction pyBuiltinFunction) {
      return pyBuiltinFunction.name();
    }
    if (target instanceof PyBoundMethod pyBoundMethod) {
      return pyBoundMethod.name();
    }
    return null;
  }

  /** The methods of {@code threading.Thread}. */
  static final ImmutableMap<String, Method> THREAD_METHODS =
      ImmutableMap.of(
          "start",
              (rt, ts, self, a) -> {
                a.exactly(0);
                if (ts.step != null) {
                  ts.step.engine.start((PyThread) self);
                } else {
                  rt.start((PyThread) self);
                }
                return rt.space().none();
              },
          "join",
              (rt, ts, self, a) -> {
                a.keywords("timeout").between(0, 1);
                PyValue timeout = a.get(0, "timeout");
                long nanos =
                    timeout == null || timeout instanceof PyNone
                        ? -1
                        : Math.max(0, Math.round(Convert.real(timeout) * 1e9));
                if (ts.step != null) {
                  ts.step.join((PyThread) self, nanos);
                } else {
                  rt.join((PyThread) self, nanos);
                }
                return rt.space().none();
              },
          "is_alive",
              (rt, ts, self, a) -> {
                a.exactly(0);
                return rt.space().bool(((PyThread) self).isAlive());
              });

  /** The methods of {@code threading.Lock}. */
  static final ImmutableMap<String, Method> LOCK_METHODS =
      ImmutableMap.of(
          "acquire",
              (rt, ts, self, a) -> {
                a.keywords("blocking", "timeout").between(0, 2);
                PyValue b = a.get(0, "blocking");
                PyValue t = a.get(1, "timeout");
                boolean blocking = b == null || ObjectSpace.truthy(b);
                double timeout = t == null ? -1 : Convert.real(t);
                if (!blocking && timeout != -1) {
                  throw new PyException(
                      "ValueError", "can't specify a timeout for a non-blocking call");
                }
                if (timeout < 0 && timeout != -1) {
                  throw new PyException(
                      "ValueError", "timeout value must be a non-negative number");
                }
                return rt.space().bool(acquire(rt, ts, (PyLock) self, blocking, timeout));
              },
          "release",
              (rt, ts, self, a) -> {
                a.exactly(0);
                ((PyLock) self).release();
                return rt.space().none();
              },
          "locked",
              (rt, ts, self, a) -> {
                a.exactly(0);
                return rt.space().bool(((PyLock) self).locked());
              });

  /**
   * Takes the lock: at once if it is free, else waiting with the GIL released. A stepped thread
   * never waits: the stepper offers a blocking acquire only once the lock is free, and a timed one
   * on a taken lock times out in virtual time.
   */
  static boolean acquire(
      PyRuntime rt, ThreadState ts, PyLock lock, boolean blocking, double timeout) {
    if (lock.tryAcquire()) {
      if (ts.step != null) {
        lock.stepHolder = ts.step.id;
      }
      return true;
    }
    if (!blocking) {
      return false;
    }
    if (ts.step != null) {
      return ts.step.acquireTaken(timeout);
    }
    long nanos = timeout < 0 ? -1 : Math.round(timeout * 1e9);
    try {
      return rt.gil().allowThreads(() -> lock.acquireBlocking(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PyException("KeyboardInterrupt", "lock acquire was interrupted");
    }
  }

  private static PyValue fn(ObjectSpace space, String name, PyBuiltinFunction.Body body) {
    return space.immortal(PyBuiltinFunction.function(name, body));
  }

  private static PyModule module(
      ObjectSpace space, String name, ImmutableMap<String, PyValue> attributes) {
    return space.immortal(new PyModule(name, attributes));
  }
}
