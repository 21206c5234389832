package dev.gillab.gil.internal;

import dev.gillab.gil.Dis;
import dev.gillab.gil.step.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Snapshot} of a {@link StepEngine}'s run. The heap does not list its live objects
 * (that would cost every allocation), so the snapshot finds them as the objects reachable from the
 * roots: globals, code constants, every thread's frames and thread objects. Once the run has ended,
 * the objects it leaked ({@link StepEngine#leaked}) are those its object space still holds alive
 * outside that set.
 */
final class StepSnapshots {
  /** Longer reprs are cut here, so that a huge list does not make a huge snapshot. */
  private static final int MAX_REPR = 200;

  private StepSnapshots() {}

  static Snapshot of(StepEngine e) {
    Map<PyValue, Boolean> live = reachable(e);
    Map<PyLock, String> lockNames = lockNames(e);
    List<Snapshot.ThreadView> threads = new ArrayList<>();
    IdentityHashMap<PyValue, List<Integer>> waiters = new IdentityHashMap<>();
    for (StepThread t : e.threads()) {
      threads.add(thread(e, t, lockNames, waiters));
    }
    List<Snapshot.GlobalView> globals = new ArrayList<>();
    for (GlobalCell c : e.globalCells()) {
      PyValue v = c.value();
      if (v != null) {
        globals.add(
            new Snapshot.GlobalView(c.name(), repr(v), v.typeName(), v.refCount(), v.serial));
      }
    }
    List<Snapshot.ObjectView> heap = new ArrayList<>();
    List<PyLock> locks = new ArrayList<>();
    for (PyValue v : live.keySet()) {
      heap.add(new Snapshot.ObjectView(v.serial, v.typeName(), repr(v), v.refCount()));
      if (v instanceof PyLock pyLock) {
        locks.add(pyLock);
      }
    }
    heap.sort(Comparator.comparingLong(Snapshot.ObjectView::id));
    List<Snapshot.ObjectView> leaks = new ArrayList<>();
    for (PyValue v : e.leaked()) {
      leaks.add(new Snapshot.ObjectView(v.serial, v.typeName(), repr(v), v.refCount()));
    }
    locks.sort(Comparator.comparingInt(l -> l.serial));
    List<Snapshot.LockView> lockViews = new ArrayList<>();
    for (PyLock l : locks) {
      lockViews.add(
          new Snapshot.LockView(
              lockNames.getOrDefault(l, "lock#" + l.serial),
              l.locked() && l.stepHolder >= 0 ? l.stepHolder : null,
              waiters.getOrDefault(l, List.of())));
    }
    return new Snapshot(
        threads,
        globals,
        heap,
        leaks,
        e.gilHolder(),
        lockViews,
        e.printed(),
        e.outcome(),
        e.schedule(),
        e.steps());
  }

  private static Snapshot.ThreadView thread(
      StepEngine e,
      StepThread t,
      Map<PyLock, String> lockNames,
      Map<PyValue, List<Integer>> waiters) {
    Frame f = t.top;
    if (!t.pending.isEmpty()) {
      // Its next step writes the counts its last one read: nothing to wait for.
      List<String> writes = new ArrayList<>();
      for (StepThread.CountWrite w : t.pending) {
        writes.add(w.toString());
      }
      return new Snapshot.ThreadView(
          t.id,
          t.name,
          t.isDone() ? t.state : Snapshot.ThreadState.RUNNABLE,
          f == null ? t.lastLine : f.line(),
          f == null ? t.lastCode : f.code.name,
          f == null ? -1 : 2 * f.pc,
          "write counts: " + String.join(", ", writes),
          null,
          t.error);
    }
    if (t.isDone() || f == null) {
      return new Snapshot.ThreadView(
          t.id,
          t.name,
          t.isDone() ? t.state : Snapshot.ThreadState.RUNNABLE,
          t.lastLine,
          t.lastCode,
          -1,
          null,
          null,
          t.error);
    }
    PyValue blocker = e.blocker(t, f, f.pc, f.sp);
    String waitingFor = null;
    if (blocker instanceof PyLock) {
      waitingFor = lockNames.getOrDefault(blocker, "lock#" + blocker.serial);
    } else if (blocker instanceof PyThread pyThread) {
      waitingFor = "join " + pyThread.name;
    }
    if (blocker != null) {
      waiters.computeIfAbsent(blocker, b -> new ArrayList<>()).add(t.id);
    }
    return new Snapshot.ThreadView(
        t.id,
        t.name,
        blocker == null ? Snapshot.ThreadState.RUNNABLE : Snapshot.ThreadState.BLOCKED,
        f.line(),
        f.code.name,
        2 * f.pc,
        Dis.instruction(e.codeOf(f.code), f.pc),
        waitingFor,
        null);
  }

  /** The globals that hold each lock: {@code a}, or {@code forks[1]} for one in a list. */
  private static Map<PyLock, String> lockNames(StepEngine e) {
    IdentityHashMap<PyLock, String> names = new IdentityHashMap<>();
    for (GlobalCell c : e.globalCells()) {
      PyValue v = c.value();
      if (v instanceof PyLock pyLock) {
        names.putIfAbsent(pyLock, c.name());
      } else if (v instanceof PyList || v instanceof PyTuple) {
        List<PyValue> items = ObjectSpace.items(v);
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i) instanceof PyLock) {
            names.putIfAbsent((PyLock) items.get(i), c.name() + "[" + i + "]");
          }
        }
      }
    }
    return names;
  }

  /** Every mortal object reachable from the run's roots. */
  static Map<PyValue, Boolean> reachable(StepEngine e) {
    ArrayDeque<PyValue> todo = new ArrayDeque<>();
    for (GlobalCell c : e.globalCells()) {
      add(todo, c.value());
    }
    for (LinkedCode code : e.linkedCodes()) {
      for (PyValue v : code.consts) {
        add(todo, v);
      }
    }
    for (StepThread t : e.threads()) {
      if (!t.isDone()) {
        add(todo, t.py);
      }
      for (Frame f = t.top; f != null; f = f.back) {
        for (int i = 0; i < f.sp; i++) {
          add(todo, f.stack[i]);
        }
        for (PyValue v : f.locals) {
          add(todo, v);
        }
      }
    }
    IdentityHashMap<PyValue, Boolean> seen = new IdentityHashMap<>();
    List<PyValue> held = new ArrayList<>();
    while (!todo.isEmpty()) {
      PyValue v = todo.pop();
      if (seen.put(v, Boolean.TRUE) != null) {
        continue;
      }
      held.clear();
      v.references(held);
      for (PyValue r : held) {
        add(todo, r);
      }
    }
    return seen;
  }

  private static void add(ArrayDeque<PyValue> todo, PyValue v) {
    if (v != null && !v.immortal && !v.heapObject().isFreed()) {
      todo.push(v);
    }
  }

  private static String repr(PyValue v) {
    String r = ObjectSpace.repr(v);
    return r.length() <= MAX_REPR ? r : r.substring(0, MAX_REPR - 3) + "...";
  }
}
