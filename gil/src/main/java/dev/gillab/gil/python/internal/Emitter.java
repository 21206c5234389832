package dev.gillab.gil.python.internal;

import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.Code;
import dev.gillab.gil.CodeBuilder;
import dev.gillab.gil.CompareOp;
import dev.gillab.gil.Opcode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link CodeBuilder} that knows whether the next instruction can be reached, and drops it when
 * it cannot (code after {@code return}, {@code break}, {@code continue} or a failed assert), as
 * CPython's compiler does: the verifier would accept dead code, but it would show in the
 * disassembly and break "a body that can fall off the end". A label makes code reachable again if
 * an emitted jump targets it. Every instruction gets the current line.
 */
final class Emitter {
  private final CodeBuilder builder;
  private final Map<String, Integer> pendingJumps = new HashMap<>();
  private final Set<String> stored = new HashSet<>();
  private final Set<String> loaded = new HashSet<>();
  private boolean reachable = true;
  private int labels;
  private int line = 1;

  Emitter(CodeBuilder builder) {
    this.builder = builder;
  }

  int line() {
    return line;
  }

  void line(int line) {
    this.line = line;
  }

  boolean reachable() {
    return reachable;
  }

  String newLabel() {
    return "L" + labels++;
  }

  void op(Opcode op) {
    if (start()) {
      builder.op(op);
      if (op == Opcode.RETURN_VALUE) {
        reachable = false;
      }
    }
  }

  void op(Opcode op, int count) {
    if (start()) {
      builder.op(op, count);
      if (op == Opcode.RAISE_ASSERTION) {
        reachable = false;
      }
    }
  }

  void op(Opcode op, String name) {
    if (start()) {
      builder.op(op, name);
      if (op == Opcode.STORE_FAST) {
        stored.add(name);
      } else if (op == Opcode.LOAD_FAST) {
        loaded.add(name);
      }
    }
  }

  void loadConst(Object value) {
    if (start()) {
      builder.loadConst(value);
    }
  }

  void binaryOp(BinaryOp op) {
    if (start()) {
      builder.binaryOp(op);
    }
  }

  void compareOp(CompareOp op) {
    if (start()) {
      builder.compareOp(op);
    }
  }

  void jump(Opcode op, String label) {
    if (start()) {
      builder.jump(op, label);
      if (op != Opcode.JUMP_BACKWARD) {
        pendingJumps.merge(label, 1, Integer::sum);
      }
      if (op == Opcode.JUMP_FORWARD || op == Opcode.JUMP_BACKWARD) {
        reachable = false;
      }
    }
  }

  void label(String label) {
    builder.line(line).label(label);
    if (pendingJumps.containsKey(label)) {
      reachable = true;
    }
  }

  /** Locals some instruction loads but no emitted instruction stores. */
  Set<String> loadedButNeverStored(Iterable<String> params) {
    Set<String> out = new HashSet<>(loaded);
    out.removeAll(stored);
    params.forEach(out::remove);
    return out;
  }

  Code build() {
    return builder.build();
  }

  private boolean start() {
    if (reachable) {
      builder.line(line);
    }
    return reachable;
  }
}
