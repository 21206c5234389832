package dev.gillab.gil.internal;


/**
 * A {@code Code} made ready to run in one interpreter: instructions packed as {@code opcode |
 * arg << 5}, constants allocated on the heap (the linked code holds one reference to each),
 * globals resolved to cells and builtins to callables. Immutable after linking.
 */
public final class LinkedCode {
  static final int OP_BITS = 6;
  static final int OP_MASK = (1 << OP_BITS) - 1;

  final String name;
  final int[] words;
  final int[] argcs;
  final int[] lines;
  final String[] localNames;
  final PyValue[] consts;
  final GlobalCell[] globals;
  final Callable[] calls;
  final int localCount;
  final int paramCount;
  final int maxStack;

  public LinkedCode(
      String name,
      int[] words,
      int[] argcs,
      int[] lines,
      String[] localNames,
      PyValue[] consts,
      GlobalCell[] globals,
      Callable[] calls,
      int localCount,
      int paramCount,
      int maxStack) {
    this.name = name;
    this.words = words;
    this.argcs = argcs;
    this.lines = lines;
    this.localNames = localNames;
    this.consts = consts;
    this.globals = globals;
    this.calls = calls;
    this.localCount = localCount;
    this.paramCount = paramCount;
    this.maxStack = maxStack;
  }

  public static int word(int opcode, int arg) {
    return opcode | (arg << OP_BITS);
  }

  public String name() {
    return name;
  }

  public int paramCount() {
    return paramCount;
  }

  public int localCount() {
    return localCount;
  }

  /** Releases the constants (interpreter close); the caller holds the GIL. */
  public void releaseConstants() {
    for (int i = 0; i < consts.length; i++) {
      PyValue c = consts[i];
      consts[i] = null;
      if (c != null) {
        PyValue.decRef(c);
      }
    }
  }
}
