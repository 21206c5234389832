package dev.gillab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.refcount.CountStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every count strategy balances under the GIL, with objects passed between threads. */
class StrategiesTest {
  /** Appends ["item", k + 1000] to the shared global list xs; answers its length. */
  private static final Code SHARE =
      Assembler.assemble(
          "share",
          """
          .params k
          LOAD_GLOBAL xs
          LOAD_CONST "item"
          LOAD_FAST k
          LOAD_CONST 1000
          BINARY_OP +
          BUILD_LIST 2
          LIST_APPEND 1
          STORE_GLOBAL xs
          LOAD_GLOBAL xs
          CALL len 1
          RETURN_VALUE\
          """);

  @ParameterizedTest
  @EnumSource(
      value = CountStrategy.class,
      names = {"PLAIN", "ATOMIC", "BIASED"})
  void threadsShareObjectsAndEverythingIsFreed(CountStrategy strategy) throws Exception {
    Interpreter in = Interpreter.builder().countStrategy(strategy).debugHeap(true).build();
    in.setGlobal("xs", List.of());
    List<InterpreterThread> ts = new ArrayList<>();
    for (long k = 0; k < 6; k++) {
      ts.add(in.start(SHARE, k));
    }
    for (InterpreterThread t : ts) {
      assertTrue(t.join(Duration.ofSeconds(30)));
      t.result();
    }
    assertEquals(6, ((List<?>) in.globals().get("xs")).size());
    in.run(
        Assembler.assemble(
            "clear", "BUILD_LIST 0\nSTORE_GLOBAL xs\nLOAD_CONST None\nRETURN_VALUE"));
    in.close();
    assertEquals(List.of(), in.heap().leaks());
    assertEquals(0, in.heap().stats().live());
  }
}
