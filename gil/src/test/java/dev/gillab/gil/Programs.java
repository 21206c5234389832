package dev.gillab.gil;

/** Assembler sources the tests share (the countdown is {@link Examples#countdown()}). */
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
}
