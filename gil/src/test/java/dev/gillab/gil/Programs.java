package dev.gillab.gil;

/** Assembler sources the tests share. */
final class Programs {
  private Programs() {}

  /** The seed's snippet: a = []; getrefcount(a); b = a; getrefcount(a). */
  static final String SEED =
      String.join(
          "\n",
          "    BUILD_LIST 0",
          "    STORE_FAST a",
          "    LOAD_FAST a",
          "    CALL getrefcount 1",
          "    CALL print 1",
          "    POP_TOP",
          "    LOAD_FAST a",
          "    STORE_FAST b",
          "    LOAD_FAST a",
          "    CALL getrefcount 1",
          "    CALL print 1",
          "    POP_TOP",
          "    LOAD_CONST None",
          "    RETURN_VALUE");

  /** while n > 0: n -= 1; return n. */
  static final String COUNTDOWN =
      String.join(
          "\n",
          "# countdown: while n > 0: n -= 1",
          ".params n",
          "loop:",
          "    LOAD_FAST n",
          "    LOAD_CONST 0",
          "    COMPARE_OP >",
          "    POP_JUMP_IF_FALSE end",
          "    LOAD_FAST n",
          "    LOAD_CONST 1",
          "    BINARY_OP -=",
          "    STORE_FAST n",
          "    JUMP_BACKWARD loop",
          "end: LOAD_FAST n",
          "    RETURN_VALUE");

  static Code countdown() {
    return Assembler.assemble("countdown", COUNTDOWN);
  }
}
