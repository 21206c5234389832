package dev.gillab.gil.python;

import static dev.gillab.gil.python.Disassembly.function;
import static dev.gillab.gil.python.Disassembly.module;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gillab.gil.Assembler;
import dev.gillab.gil.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each construct compiles to the instruction shape the contract fixes, read as disassembly. */
class CodeShapesTest {
  /**
   * How every with block ends: the exit called as {@code __exit__(None, None, None)}, its result
   * dropped.
   */
  private static final String EXIT =
      """
          LOAD_CONST None
          LOAD_CONST None
          LOAD_CONST None
          CALL_FUNCTION 3
          POP_TOP
      """;

  @Test
  void countdownLoopIsTheExamplesNineInstructions() throws Exception {
    String src = "def countdown(n):\n    while n > 0:\n        n -= 1\n    return n\n";
    Code example =
        Assembler.assemble("countdown", Files.readString(Path.of("examples/countdown.gasm")));
    List<String> expected = Arrays.asList(example.disassemble().split("\n")).subList(0, 12);
    List<String> actual = Arrays.asList(function(src, "countdown").split("\n"));
    assertEquals(expected, actual.subList(0, 12));
    assertEquals(List.of("    LOAD_FAST n", "    RETURN_VALUE"), actual.subList(12, actual.size()));
  }

  @Test
  void moduleDefinesAFunctionAsACodeConstant() {
    Code m = Disassembly.compile("def f(a, b):\n    return a + b\n");
    assertEquals("<module>", m.name());
    assertEquals("t.py", m.filename());
    assertEquals(
        """
            LOAD_CONST <code f>
            MAKE_FUNCTION
            STORE_GLOBAL f
            LOAD_CONST None
            RETURN_VALUE
        """,
        m.disassemble());
    Code f = m.nestedCodes().get(0);
    assertEquals(List.of("a", "b"), f.params());
    assertEquals("t.py", f.filename());
    assertEquals(1, f.firstLine());
  }

  @Test
  void globalCounterIncrementIsTheThreeInstructionWindow() {
    assertEquals(
        """
            LOAD_GLOBAL counter
            LOAD_CONST 1
            BINARY_OP +=
            STORE_GLOBAL counter
            LOAD_CONST None
            RETURN_VALUE
        """,
        function("counter = 0\ndef inc():\n    global counter\n    counter += 1\n", "inc"));
  }

  @Test
  void namesAssignedInAFunctionAreLocalsTheRestGlobals() {
    assertEquals(
        """
        .params a
            LOAD_FAST a
            STORE_FAST b
            LOAD_GLOBAL print
            LOAD_FAST b
            LOAD_GLOBAL c
            CALL_FUNCTION 2
            POP_TOP
            LOAD_CONST None
            RETURN_VALUE
        """,
        function("def f(a):\n    b = a\n    print(b, c)\n", "f"));
  }

  @Test
  void chainedComparison() {
    assertEquals(
        """
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            SWAP 2
            COPY 2
            COMPARE_OP <
            COPY 1
            POP_JUMP_IF_FALSE L11
            POP_TOP
            LOAD_GLOBAL c
            COMPARE_OP <=
            JUMP_FORWARD L13
        L11:
            SWAP 2
            POP_TOP
        L13:
            STORE_GLOBAL x
        """,
        module("x = a < b <= c"));
  }

  @Test
  void comparisonOperators() {
    assertEquals(
        """
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            IS_OP 0
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            IS_OP 1
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            CONTAINS_OP 0
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            CONTAINS_OP 1
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            COMPARE_OP !=
            BUILD_TUPLE 5
            STORE_GLOBAL x
        """,
        module("x = a is b, a is not b, a in b, a not in b, a != b"));
  }

  @Test
  void andOrAsValues() {
    assertEquals(
        """
            LOAD_GLOBAL a
            COPY 1
            POP_JUMP_IF_FALSE L5
            POP_TOP
            LOAD_GLOBAL b
        L5:
            STORE_GLOBAL x
            LOAD_GLOBAL a
            COPY 1
            POP_JUMP_IF_TRUE L11
            POP_TOP
            LOAD_GLOBAL b
        L11:
            STORE_GLOBAL y
        """,
        module("x = a and b\ny = a or b"));
  }

  @Test
  void conditionsJumpDirectly() {
    assertEquals(
        """
            LOAD_GLOBAL a
            POP_JUMP_IF_FALSE L7
            LOAD_GLOBAL b
            POP_JUMP_IF_TRUE L7
            LOAD_CONST 1
            STORE_GLOBAL x
            JUMP_FORWARD L16
        L7:
            LOAD_GLOBAL c
            POP_JUMP_IF_TRUE L11
            LOAD_GLOBAL d
            POP_JUMP_IF_FALSE L14
        L11:
            LOAD_CONST 2
            STORE_GLOBAL x
            JUMP_FORWARD L16
        L14:
            LOAD_CONST 3
            STORE_GLOBAL x
        L16:
        """,
        module("if a and not b:\n    x = 1\nelif c or d:\n    x = 2\nelse:\n    x = 3\n"));
  }

  @Test
  void conditionalExpression() {
    assertEquals(
        """
            LOAD_GLOBAL c
            POP_JUMP_IF_FALSE L4
            LOAD_GLOBAL a
            JUMP_FORWARD L5
        L4:
            LOAD_GLOBAL b
        L5:
            STORE_GLOBAL x
        """,
        module("x = a if c else b"));
  }

  @Test
  void forWithBreakContinueAndElse() {
    assertEquals(
        """
            LOAD_GLOBAL xs
            GET_ITER
        L2:
            FOR_ITER L16
            STORE_GLOBAL x
            LOAD_GLOBAL x
            POP_JUMP_IF_FALSE L8
            POP_TOP
            JUMP_FORWARD L20
        L8:
            LOAD_GLOBAL y
            POP_JUMP_IF_FALSE L11
            JUMP_BACKWARD L2
        L11:
            LOAD_GLOBAL print
            LOAD_GLOBAL x
            CALL_FUNCTION 1
            POP_TOP
            JUMP_BACKWARD L2
        L16:
            LOAD_GLOBAL print
            LOAD_CONST 0
            CALL_FUNCTION 1
            POP_TOP
        L20:
        """,
        module(
            """
            for x in xs:
                if x:
                    break
                if y:
                    continue
                print(x)
            else:
                print(0)
            """));
  }

  @Test
  void whileWithBreakAndElse() {
    assertEquals(
        """
        L0:
            LOAD_GLOBAL n
            LOAD_CONST 0
            COMPARE_OP >
            POP_JUMP_IF_FALSE L14
            LOAD_GLOBAL n
            LOAD_CONST 1
            BINARY_OP -=
            STORE_GLOBAL n
            LOAD_GLOBAL n
            LOAD_CONST 5
            COMPARE_OP ==
            POP_JUMP_IF_FALSE L13
            JUMP_FORWARD L15
        L13:
            JUMP_BACKWARD L0
        L14:
            NOP
        L15:
        """,
        module("while n > 0:\n    n -= 1\n    if n == 5:\n        break\nelse:\n    pass\n"));
  }

  @Test
  void returnInsideForPopsTheIterator() {
    assertEquals(
        """
        .params xs
            LOAD_FAST xs
            GET_ITER
            FOR_ITER L8
            STORE_FAST x
            LOAD_FAST x
            SWAP 2
            POP_TOP
            RETURN_VALUE
        L8:
            LOAD_CONST None
            RETURN_VALUE
        """,
        function("def f(xs):\n    for x in xs:\n        return x\n", "f"));
  }

  @Test
  void withCallsTheExitAtTheEndAndOnReturn() {
    assertEquals(
        """
            LOAD_GLOBAL lock
            BEFORE_WITH
            POP_TOP
            LOAD_GLOBAL x
            POP_TOP
        """
            + EXIT
            + """
            LOAD_GLOBAL lock
            BEFORE_WITH
            STORE_GLOBAL l
            NOP
        """
            + EXIT,
        module("with lock:\n    x\nwith lock as l:\n    pass\n"));
    assertEquals(
        """
        .params lock
            LOAD_FAST lock
            BEFORE_WITH
            POP_TOP
            LOAD_CONST 1
            SWAP 2
        """
            + EXIT
            + """
            RETURN_VALUE
        """,
        function("def f(lock):\n    with lock:\n        return 1\n", "f"));
  }

  @Test
  void breakLeavingAWithCallsItsExitFirst() {
    // The body always breaks, so the loop's JUMP_BACKWARD is unreachable and not emitted.
    assertEquals(
        """
            LOAD_GLOBAL xs
            GET_ITER
            FOR_ITER L14
            STORE_GLOBAL x
            LOAD_GLOBAL m
            BEFORE_WITH
            POP_TOP
        """
            + EXIT
            + """
            POP_TOP
            JUMP_FORWARD L14
        L14:
        """,
        module("for x in xs:\n    with m:\n        break\n"));
  }

  @Test
  void unpacking() {
    assertEquals(
        """
            LOAD_GLOBAL e
            UNPACK_SEQUENCE 2
            STORE_GLOBAL a
            UNPACK_SEQUENCE 2
            STORE_GLOBAL b
            STORE_GLOBAL c
            LOAD_GLOBAL items
            GET_ITER
        L8:
            FOR_ITER L14
            UNPACK_SEQUENCE 2
            STORE_GLOBAL k
            STORE_GLOBAL v
            NOP
            JUMP_BACKWARD L8
        L14:
            LOAD_GLOBAL x
            COPY 1
            STORE_GLOBAL a
            STORE_GLOBAL b
        """,
        module("a, (b, c) = e\nfor k, v in items:\n    pass\na = b = x\n"));
  }

  @Test
  void fStrings() {
    assertEquals(
        """
            LOAD_CONST "a"
            LOAD_GLOBAL x
            FORMAT_VALUE 0
            LOAD_CONST "b"
            LOAD_GLOBAL y
            FORMAT_VALUE 1
            BUILD_STRING 4
            STORE_GLOBAL s
            LOAD_GLOBAL x
            FORMAT_VALUE 0
            STORE_GLOBAL s
            LOAD_CONST ""
            STORE_GLOBAL s
            LOAD_CONST "x="
            LOAD_GLOBAL x
            FORMAT_VALUE 1
            BUILD_STRING 2
            STORE_GLOBAL s
            LOAD_CONST "{a}"
            LOAD_GLOBAL a
            FORMAT_VALUE 0
            BUILD_STRING 2
            STORE_GLOBAL s
        """,
        module(
            """
            s = f"a{x}b{y!r}"
            s = f'{x!s}'
            s = f''
            s = f"{x=}"
            s = rf'{{a}}' F'{a}'
            """));
  }

  @Test
  void imports() {
    assertEquals(
        """
            IMPORT_NAME sys
            STORE_GLOBAL sys
            IMPORT_NAME time
            STORE_GLOBAL t
            IMPORT_NAME threading
            LOAD_ATTR Thread
            STORE_GLOBAL Thread
            IMPORT_NAME threading
            LOAD_ATTR Lock
            STORE_GLOBAL L
        """,
        module("import sys, time as t\nfrom threading import Thread, Lock as L\n"));
    assertEquals(
        """
            IMPORT_NAME time
            LOAD_ATTR sleep
            STORE_FAST sleep
            LOAD_CONST None
            RETURN_VALUE
        """,
        function("def f():\n    from time import sleep\n", "f"));
  }

  @Test
  void callsWithKeywordsAndMethodCalls() {
    assertEquals(
        """
            LOAD_GLOBAL f
            LOAD_GLOBAL a
            LOAD_GLOBAL v
            LOAD_CONST ("k",)
            CALL_FUNCTION_KW 2
            POP_TOP
            LOAD_GLOBAL x
            LOAD_ATTR m
            LOAD_GLOBAL a
            CALL_FUNCTION 1
            POP_TOP
            LOAD_GLOBAL x
            LOAD_ATTR attr
            STORE_GLOBAL y
        """,
        module("f(a, k=v)\nx.m(a)\ny = x.attr\n"));
  }

  @Test
  void assertWithAndWithoutMessage() {
    assertEquals(
        """
            LOAD_GLOBAL c
            POP_JUMP_IF_TRUE L3
            RAISE_ASSERTION 0
        L3:
            LOAD_GLOBAL c
            POP_JUMP_IF_TRUE L7
            LOAD_CONST "m"
            RAISE_ASSERTION 1
        L7:
        """,
        module("assert c\nassert c, \"m\"\n"));
  }

  @Test
  void delAndSubscripts() {
    assertEquals(
        """
            DELETE_GLOBAL x
            LOAD_GLOBAL x
            LOAD_GLOBAL i
            DELETE_SUBSCR
            DELETE_GLOBAL y
            LOAD_GLOBAL v
            LOAD_GLOBAL x
            LOAD_GLOBAL i
            STORE_SUBSCR
            LOAD_GLOBAL x
            LOAD_GLOBAL i
            COPY 2
            COPY 2
            BINARY_SUBSCR
            LOAD_CONST 1
            BINARY_OP +=
            SWAP 3
            SWAP 2
            STORE_SUBSCR
            LOAD_GLOBAL x
            LOAD_GLOBAL i
            BINARY_SUBSCR
            STORE_GLOBAL y
        """,
        module("del x\ndel x[i], y\nx[i] = v\nx[i] += 1\ny = x[i]\n"));
    assertEquals(
        """
            LOAD_CONST 1
            STORE_FAST x
            DELETE_FAST x
            LOAD_CONST None
            RETURN_VALUE
        """,
        function("def f():\n    x = 1\n    del x\n", "f"));
  }

  @Test
  void literalsAndFolding() {
    assertEquals(
        """
            LOAD_CONST -5
            LOAD_CONST 255
            LOAD_CONST 8
            LOAD_CONST 5
            LOAD_CONST 1000000
            LOAD_CONST 0.0015
            LOAD_CONST -9223372036854775808
            LOAD_CONST (1, -2.5, "s", None, (True, False))
            LOAD_CONST ()
            BUILD_LIST 9
            STORE_GLOBAL x
            LOAD_GLOBAL a
            LOAD_CONST 1
            BUILD_TUPLE 2
            STORE_GLOBAL z
            LOAD_GLOBAL a
            LOAD_CONST 1
            BUILD_LIST 2
            STORE_GLOBAL w
            LOAD_GLOBAL x
            UNARY_NEGATIVE
            LOAD_GLOBAL x
            UNARY_NOT
            BUILD_LIST 2
            STORE_GLOBAL u
        """,
        module(
            "x = [-5, 0xff, 0o10, 0b101, 1_000_000, 1.5e-3, -9223372036854775808,"
                + " (1, -2.5, 's', None, (True, False)), ()]\n"
                + "z = (a, 1)\nw = [a, 1]\nu = [-x, not x]\n"));
  }

  @Test
  void arithmetic() {
    assertEquals(
        """
            LOAD_GLOBAL a
            LOAD_GLOBAL b
            LOAD_GLOBAL c
            BINARY_OP *
            BINARY_OP +
            LOAD_GLOBAL d
            LOAD_GLOBAL e
            BINARY_OP //
            BINARY_OP -
            LOAD_GLOBAL f
            LOAD_GLOBAL g
            BINARY_OP %
            LOAD_GLOBAL h
            BINARY_OP /
            BINARY_OP +
            STORE_GLOBAL x
            LOAD_GLOBAL x
            LOAD_CONST 2
            BINARY_OP /=
            STORE_GLOBAL x
        """,
        module("x = a + b * c - d // e + f % g / h\nx /= 2\n"));
  }

  @Test
  @SuppressWarnings("StringConcatToTextBlock") // a text block would hide which escapes are Java's
  void stringLiterals() {
    assertEquals(
        """
            LOAD_CONST "ab\\tc\\n\\\\'\\"\\u0000\\u0007A\\u00e9\\ud83d\\ude00\\u00ff"
            STORE_GLOBAL s
            LOAD_CONST "x\\\\ny\\\\\\\\"
            STORE_GLOBAL s
            LOAD_CONST "l1\\nl2"
            STORE_GLOBAL s
        """
            .replace("\\u0000", "\u0000")
            .replace("\\u0007", "\u0007")
            .replace("\\u00e9", "\u00e9")
            .replace("\\ud83d\\ude00", "\ud83d\ude00")
            .replace("\\u00ff", "\u00ff"),
        module(
            "s = 'a' \"b\" '\\tc\\n\\\\\\'\\\"\\0\\a\\x41\\u00e9\\U0001F600\\377'\n"
                + "s = r'x\\ny\\\\'\n"
                + "s = '''l1\nl2'''\n"));
  }

  @Test
  void docstringsAndPassAreNops() {
    assertEquals(
        """
            NOP
            NOP
        """,
        module("\"\"\"module doc\"\"\"\npass\n"));
  }

  @Test
  void unreachableCodeIsNotEmitted() {
    assertEquals(
        """
            LOAD_CONST 1
            RETURN_VALUE
        """,
        function("def f():\n    return 1\n    print(2)\n", "f"));
  }

  @Test
  void aLocalThatIsNeverStoredRaisesWhenRead() {
    // The verifier refuses LOAD_FAST of a local that is never stored; DELETE_FAST raises the
    // same UnboundLocalError a load would.
    assertEquals(
        """
            LOAD_GLOBAL print
            DELETE_FAST x
            LOAD_CONST None
            CALL_FUNCTION 1
            POP_TOP
            DELETE_FAST x
            LOAD_CONST None
            RETURN_VALUE
        """,
        function("def f():\n    print(x)\n    del x\n", "f"));
  }

  @Test
  void longListsAreBuiltByAppending() {
    StringBuilder src = new StringBuilder("x = [");
    StringBuilder expected = new StringBuilder("    BUILD_LIST 0\n");
    for (int i = 0; i < 40; i++) {
      src.append("a").append(i).append(", ");
      expected.append("    LOAD_GLOBAL a").append(i).append("\n    LIST_APPEND 1\n");
    }
    expected.append("    STORE_GLOBAL x\n");
    assertEquals(expected.toString(), module(src.append("]").toString()));
  }
}
