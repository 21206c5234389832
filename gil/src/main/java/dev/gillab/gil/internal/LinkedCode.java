package dev.gillab.gil.internal;

/**
 * A {@code Code} made ready to run in one interpreter: instructions packed as {@code opcode | arg
 * << OP_BITS}, constants allocated on the heap (the linked code holds one reference to each; a
 * nested code is an immortal code object), globals resolved to cells — each with the builtin of its
 * name, if any, for when the global is unbound — and {@code CALL}'s builtins to callables.
 * Immutable after linking.
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
  final String filename;

  /** Attribute and module names ({@code LOAD_ATTR}, {@code IMPORT_NAME}). */
  final String[] names;

  /** Per global: the builtin of that name, or null ({@code LOAD_GLOBAL}'s fallback). */
  final PyValue[] builtinFallback;

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
      int maxStack,
      String filename,
      String[] names,
      PyValue[] builtinFallback) {
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
    this.filename = filename;
    this.names = names;
    this.builtinFallback = builtinFallback;
  }

  /**
   * This code's instructions with another run's constants and globals: the same program linked
   * again for a new stepped run, without redoing what does not depend on the run.
   */
  LinkedCode withRun(PyValue[] runConsts, GlobalCell[] runGlobals) {
    return new LinkedCode(
        name,
        words,
        argcs,
        lines,
        localNames,
        runConsts,
        runGlobals,
        calls,
        localCount,
        paramCount,
        maxStack,
        filename,
        names,
        builtinFallback);
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

  public String filename() {
    return filename;
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
