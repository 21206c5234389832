package dev.gillab.gil;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime the Python front end compiles to, driven by code built as the compiler emits it (see
 * {@link PyAsm}). Every expected output is CPython 3.11's for the same program, and every run ends
 * with no object alive on the heap.
 */
@Timeout(60)
class PythonRuntimeTest {

  /** What a program printed, and the error it ended with, if any. */
  record Outcome(String out, String err, InterpreterError error) {}

  private static Outcome exec(Code module) {
    Captured out = new Captured();
    Captured err = new Captured();
    Interpreter in = Interpreter.builder().out(out.stream()).err(err.stream()).build();
    InterpreterError error = null;
    try {
      in.exec(module);
    } catch (InterpreterError e) {
      error = e;
    } finally {
      in.close();
    }
    assertEquals(0, in.heap().stats().live(), "objects alive after close");
    return new Outcome(out.text(), err.text(), error);
  }

  private static String output(Code module) {
    Outcome o = exec(module);
    if (o.error() != null) {
      throw o.error();
    }
    return o.out();
  }

  private static InterpreterError error(Code module) {
    Outcome o = exec(module);
    assertTrue(o.error() != null, "expected an error, printed: " + o.out());
    return o.error();
  }

  /** What a module of {@code lines} prints; it ends, as every module does, returning None. */
  private static String runs(String... lines) {
    return runs(Map.of(), lines);
  }

  /** {@link #runs(String...)} with the function bodies {@code codes} for {@code &name}. */
  private static String runs(Map<String, Code> codes, String... lines) {
    return output(
        PyAsm.module(String.join("\n", lines) + "\nLOAD_CONST None\nRETURN_VALUE", codes));
  }

  /** {@code print(<expr>)} around a snippet that leaves one value on the stack. */
  private static String printed(String expr) {
    return output(
        PyAsm.module(
            "LOAD_GLOBAL print\n"
                + expr
                + "\nCALL_FUNCTION 1\nPOP_TOP\n"
                + "LOAD_CONST None\nRETURN_VALUE"));
  }

  /** The error of a snippet that leaves one value on the stack, as {@code Kind: detail}. */
  private static String raised(String expr) {
    InterpreterError e = error(PyAsm.module(expr + "\nPOP_TOP\nLOAD_CONST None\nRETURN_VALUE"));
    return e.kind() + ": " + e.detail();
  }

  /**
   * Snippets for {@link #raised}, each with the error it ends with as {@code Kind: detail} in
   * CPython's words, by topic: the test of the same topic checks what such code prints.
   */
  static Stream<Arguments> errors() {
    return Stream.of(
            topic(
                "for", raises("TypeError: 'int' object is not iterable", "LOAD_CONST 5\nGET_ITER")),
            topic(
                "unpacking",
                raises(
                    "ValueError: too many values to unpack (expected 2)",
                    "LOAD_CONST (1, 2, 3)\nUNPACK_SEQUENCE 2\nPOP_TOP"),
                raises(
                    "ValueError: not enough values to unpack (expected 2, got 1)",
                    "LOAD_CONST 1\nBUILD_LIST 1\nUNPACK_SEQUENCE 2\nPOP_TOP"),
                raises(
                    "TypeError: cannot unpack non-iterable int object",
                    "LOAD_CONST 1\nUNPACK_SEQUENCE 2\nPOP_TOP")),
            topic(
                "subscripts",
                raises(
                    "IndexError: list index out of range",
                    "BUILD_LIST 0\nLOAD_CONST 0\nBINARY_SUBSCR"),
                raises(
                    "IndexError: string index out of range",
                    "LOAD_CONST \"ab\"\nLOAD_CONST 2\nBINARY_SUBSCR"),
                raises(
                    "IndexError: tuple index out of range",
                    "LOAD_CONST (1,)\nLOAD_CONST 3\nBINARY_SUBSCR"),
                raises(
                    "TypeError: 'int' object is not subscriptable",
                    "LOAD_CONST 1\nLOAD_CONST 0\nBINARY_SUBSCR"),
                raises(
                    "TypeError: list indices must be integers or slices, not str",
                    "BUILD_LIST 0\nLOAD_CONST \"x\"\nBINARY_SUBSCR"),
                raises(
                    "TypeError: 'tuple' object does not support item assignment",
                    "LOAD_CONST 1\nLOAD_CONST (1,)\nLOAD_CONST 0\nSTORE_SUBSCR\nLOAD_CONST None"),
                raises(
                    "IndexError: list assignment index out of range",
                    "BUILD_LIST 0\nLOAD_CONST 0\nDELETE_SUBSCR\nLOAD_CONST None")),
            topic(
                "list methods",
                raises(
                    "IndexError: pop from empty list",
                    "BUILD_LIST 0\nLOAD_ATTR pop\nCALL_FUNCTION 0"),
                raises(
                    "ValueError: 5 is not in list",
                    "BUILD_LIST 0\nLOAD_ATTR index\nLOAD_CONST 5\nCALL_FUNCTION 1"),
                raises(
                    "ValueError: list.remove(x): x not in list",
                    "BUILD_LIST 0\nLOAD_ATTR remove\nLOAD_CONST 5\nCALL_FUNCTION 1"),
                raises(
                    "TypeError: list.append() takes exactly one argument (0 given)",
                    "BUILD_LIST 0\nLOAD_ATTR append\nCALL_FUNCTION 0"),
                raises(
                    "AttributeError: 'list' object has no attribute 'foo'",
                    "BUILD_LIST 0\nLOAD_ATTR foo")),
            topic(
                "str methods",
                raises(
                    "TypeError: sequence item 0: expected str instance, int found",
                    "LOAD_CONST \",\"\nLOAD_ATTR join\nLOAD_CONST (1,)\nCALL_FUNCTION 1")),
            topic(
                "floats",
                raises(
                    "ZeroDivisionError: division by zero",
                    "LOAD_CONST 1\nLOAD_CONST 0\nBINARY_OP /"),
                raises(
                    "ZeroDivisionError: float division by zero",
                    "LOAD_CONST 1.0\nLOAD_CONST 0\nBINARY_OP /"),
                raises(
                    "ZeroDivisionError: integer division or modulo by zero",
                    "LOAD_CONST 1\nLOAD_CONST 0\nBINARY_OP //"),
                raises(
                    "OverflowError: int result does not fit in 64 bits",
                    "LOAD_CONST -9223372036854775808\nUNARY_NEGATIVE")),
            topic(
                "builtins",
                raises(
                    "ValueError: invalid literal for int() with base 10: 'abc'",
                    "LOAD_GLOBAL int\nLOAD_CONST \"abc\"\nCALL_FUNCTION 1"),
                raises(
                    "ValueError: max() arg is an empty sequence",
                    "LOAD_GLOBAL max\nBUILD_LIST 0\nCALL_FUNCTION 1"),
                raises(
                    "TypeError: len() takes exactly one argument (2 given)",
                    "LOAD_GLOBAL len\nLOAD_CONST 1\nLOAD_CONST 2\nCALL_FUNCTION 2"),
                raises(
                    "TypeError: '<' not supported between instances of 'str' and 'int'",
                    "LOAD_GLOBAL sorted\nLOAD_CONST (1, \"a\")\nCALL_FUNCTION 1"),
                raises(
                    "TypeError: 'foo' is an invalid keyword argument for print()",
                    "LOAD_GLOBAL print\nLOAD_CONST 1\nLOAD_CONST (\"foo\",)\nCALL_FUNCTION_KW 1")),
            topic(
                "operators",
                raises(
                    "TypeError: can only concatenate str (not \"int\") to str",
                    "LOAD_CONST \"a\"\nLOAD_CONST 1\nBINARY_OP +"),
                raises(
                    "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                    "LOAD_CONST 1\nLOAD_CONST \"a\"\nBINARY_OP +"),
                raises(
                    "TypeError: argument of type 'int' is not iterable",
                    "LOAD_CONST 1\nLOAD_CONST 1\nCONTAINS_OP 0")),
            topic(
                "names and calls",
                raises("NameError: name 'nope' is not defined", "LOAD_GLOBAL nope"),
                raises("ModuleNotFoundError: No module named 'os'", "IMPORT_NAME os"),
                raises(
                    "AttributeError: module 'sys' has no attribute 'foo'",
                    "IMPORT_NAME sys\nLOAD_ATTR foo"),
                raises("TypeError: 'int' object is not callable", "LOAD_CONST 1\nCALL_FUNCTION 0"),
                raises("AssertionError: ", "LOAD_CONST 1\nRAISE_ASSERTION 0"),
                raises("AssertionError: bad", "LOAD_CONST \"bad\"\nRAISE_ASSERTION 1")),
            topic(
                "locks",
                raises(
                    "RuntimeError: release unlocked lock",
                    "IMPORT_NAME threading\nLOAD_ATTR Lock\nCALL_FUNCTION 0\nLOAD_ATTR release\n"
                        + "CALL_FUNCTION 0")),
            topic(
                "augmented assignment",
                raises(
                    "TypeError: can't multiply sequence by non-int of type 'float'",
                    "LOAD_CONST \"a\"\nLOAD_CONST 1.5\nBINARY_OP *"),
                raises(
                    "ZeroDivisionError: integer modulo by zero",
                    "LOAD_CONST 1\nLOAD_CONST 0\nBINARY_OP %")))
        .flatMap(topic -> topic);
  }

  /** A snippet and the error it ends with. */
  private record Raise(String error, String snippet) {}

  private static Raise raises(String error, String snippet) {
    return new Raise(error, snippet);
  }

  /** The cases of one topic, as arguments of {@link #errorsUseCPythonsWording}. */
  private static Stream<Arguments> topic(String topic, Raise... cases) {
    return Stream.of(cases).map(c -> Arguments.of(topic, c.error(), c.snippet()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("errors")
  void errorsUseCPythonsWording(String topic, String error, String snippet) {
    assertEquals(error, raised(snippet));
  }

  @Test
  void seedGetrefcountPrintsTwoThenThree() {
    // import sys; a = []; print(sys.getrefcount(a)); b = a; print(sys.getrefcount(a))
    String printRefcountOfA =
        "LOAD_GLOBAL print\nLOAD_GLOBAL sys\nLOAD_ATTR getrefcount\nLOAD_GLOBAL a\n"
            + "CALL_FUNCTION 1\nCALL_FUNCTION 1\nPOP_TOP";
    assertEquals(
        "2\n3\n",
        runs(
            "IMPORT_NAME sys",
            "STORE_GLOBAL sys",
            "BUILD_LIST 0",
            "STORE_GLOBAL a",
            printRefcountOfA,
            "LOAD_GLOBAL a",
            "STORE_GLOBAL b",
            printRefcountOfA));
  }

  @Test
  void recursiveFunction() {
    // def fact(n):
    //     if n <= 1:
    //         return 1
    //     return n * fact(n - 1)
    // print(fact(20))
    Code fact =
        PyAsm.function(
            "fact",
            "n",
            1,
            """
            @2
            LOAD_FAST n
            LOAD_CONST 1
            COMPARE_OP <=
            POP_JUMP_IF_FALSE else
            @3
            LOAD_CONST 1
            RETURN_VALUE
            else:
            @4
            LOAD_FAST n
            LOAD_GLOBAL fact
            LOAD_FAST n
            LOAD_CONST 1
            BINARY_OP -
            CALL_FUNCTION 1
            BINARY_OP *
            RETURN_VALUE\
            """);
    assertEquals(
        "2432902008176640000\n",
        runs(
            Map.of("fact", fact),
            """
            LOAD_CONST &fact
            MAKE_FUNCTION
            STORE_GLOBAL fact
            @5
            LOAD_GLOBAL print
            LOAD_GLOBAL fact
            LOAD_CONST 20
            CALL_FUNCTION 1
            CALL_FUNCTION 1
            POP_TOP\
            """));
  }

  private static final Code SUB =
      PyAsm.function("f", "a, b", 1, "LOAD_FAST a\nLOAD_FAST b\nBINARY_OP -\nRETURN_VALUE");

  private static String callSub(String args) {
    return "LOAD_CONST &f\nMAKE_FUNCTION\nSTORE_GLOBAL f\nLOAD_GLOBAL print\nLOAD_GLOBAL f\n"
        + args
        + "\nCALL_FUNCTION 1\nPOP_TOP\nLOAD_CONST None\nRETURN_VALUE";
  }

  @Test
  void keywordArgumentsBindToParameters() {
    // print(f(b=1, a=10)), print(f(10, b=3))
    assertEquals(
        "9\n",
        output(
            PyAsm.module(
                callSub(
                    "LOAD_CONST 1\nLOAD_CONST 10\nLOAD_CONST (\"b\", \"a\")\nCALL_FUNCTION_KW 2"),
                Map.of("f", SUB))));
    assertEquals(
        "7\n",
        output(
            PyAsm.module(
                callSub("LOAD_CONST 10\nLOAD_CONST 3\nLOAD_CONST (\"b\",)\nCALL_FUNCTION_KW 2"),
                Map.of("f", SUB))));
  }

  @Test
  void argumentErrorsUseCPythonsWording() {
    Map<String, String> cases =
        Map.of(
            "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nCALL_FUNCTION 3",
            "f() takes 2 positional arguments but 3 were given",
            "LOAD_CONST 1\nCALL_FUNCTION 1",
            "f() missing 1 required positional argument: 'b'",
            "CALL_FUNCTION 0",
            "f() missing 2 required positional arguments: 'a' and 'b'",
            "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST (\"a\",)\nCALL_FUNCTION_KW 2",
            "f() got multiple values for argument 'a'",
            "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nLOAD_CONST (\"c\",)\nCALL_FUNCTION_KW 3",
            "f() got an unexpected keyword argument 'c'");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      InterpreterError e = error(PyAsm.module(callSub(c.getKey()), Map.of("f", SUB)));
      assertEquals("TypeError", e.kind());
      assertEquals(c.getValue(), e.detail());
    }
  }

  /** {@code for x in <iterable>: print(x, end=' ')}. */
  private static String loop(String iterable) {
    return output(
        PyAsm.module(
            String.join(
                "\n",
                iterable,
                "GET_ITER",
                "top:",
                "FOR_ITER end",
                "STORE_GLOBAL x",
                "LOAD_GLOBAL print",
                "LOAD_GLOBAL x",
                "LOAD_CONST \" \"",
                "LOAD_CONST (\"end\",)",
                "CALL_FUNCTION_KW 2",
                "POP_TOP",
                "JUMP_BACKWARD top",
                "end:",
                "LOAD_CONST None",
                "RETURN_VALUE")));
  }

  @Test
  void forLoopsOverRangeListStrTuple() {
    // for x in range(1, 10, 3): ... / [1, 'a'] / 'h\u00e9\U0001F600' / (1.5, None)
    assertEquals(
        "1 4 7 ",
        loop("LOAD_GLOBAL range\nLOAD_CONST 1\nLOAD_CONST 10\nLOAD_CONST 3\nCALL_FUNCTION 3"));
    assertEquals("1 a ", loop("LOAD_CONST 1\nLOAD_CONST \"a\"\nBUILD_LIST 2"));
    assertEquals("h \u00e9 \uD83D\uDE00 ", loop("LOAD_CONST \"h\u00e9\uD83D\uDE00\""));
    assertEquals("1.5 None ", loop("LOAD_CONST (1.5, None)"));
    assertEquals("", loop("LOAD_GLOBAL range\nLOAD_CONST 0\nCALL_FUNCTION 1"));
  }

  @Test
  void unpacking() {
    // a, b = (1, 2); print(b, a)
    assertEquals(
        "2 1\n",
        runs(
            "LOAD_CONST (1, 2)",
            "UNPACK_SEQUENCE 2",
            "STORE_GLOBAL a",
            "STORE_GLOBAL b",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL b",
            "LOAD_GLOBAL a",
            "CALL_FUNCTION 2",
            "POP_TOP"));
    // a, b = 'xy' unpacks a str too
    assertEquals("x\n", printed("LOAD_CONST \"xy\"\nUNPACK_SEQUENCE 2\nSWAP 2\nPOP_TOP"));
  }

  @Test
  void subscripts() {
    // xs = [1, 2, 3]; xs[0] = 'a'; del xs[-1]; print(xs, xs[-1], 'abc'[1], (4, 5)[-2], range(0, 10,
    // 2)[3])
    assertEquals(
        "['a', 2] 2 b 4 6\n",
        runs(
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "LOAD_CONST 3",
            "BUILD_LIST 3",
            "STORE_GLOBAL xs",
            "LOAD_CONST \"a\"",
            "LOAD_GLOBAL xs",
            "LOAD_CONST 0",
            "STORE_SUBSCR",
            "LOAD_GLOBAL xs",
            "LOAD_CONST -1",
            "DELETE_SUBSCR",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL xs",
            "LOAD_GLOBAL xs",
            "LOAD_CONST -1",
            "BINARY_SUBSCR",
            "LOAD_CONST \"abc\"",
            "LOAD_CONST 1",
            "BINARY_SUBSCR",
            "LOAD_CONST (4, 5)",
            "LOAD_CONST -2",
            "BINARY_SUBSCR",
            "LOAD_GLOBAL range",
            "LOAD_CONST 0",
            "LOAD_CONST 10",
            "LOAD_CONST 2",
            "CALL_FUNCTION 3",
            "LOAD_CONST 3",
            "BINARY_SUBSCR",
            "CALL_FUNCTION 5",
            "POP_TOP"));
  }

  /** {@code print(<receiver>.<method>(<args>))}; the receiver is built fresh. */
  private static String call(String receiver, String method, String args, int argc) {
    return printed(receiver + "\nLOAD_ATTR " + method + "\n" + args + "\nCALL_FUNCTION " + argc);
  }

  @Test
  void listMethods() {
    // xs = [3, 1, 2]; xs.append(5); xs.insert(0, 9); xs.extend((7,)); print(xs.pop(), xs.pop(0),
    //   xs.index(2), xs.count(1)); xs.remove(1); xs.reverse(); print(xs); xs.sort(reverse=True)
    assertEquals(
        "7 9 2 1\n[5, 2, 3]\n[5, 3, 2]\n",
        runs(
            "LOAD_CONST 3",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "BUILD_LIST 3",
            "STORE_GLOBAL xs",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR append",
            "LOAD_CONST 5",
            "CALL_FUNCTION 1",
            "POP_TOP",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR insert",
            "LOAD_CONST 0",
            "LOAD_CONST 9",
            "CALL_FUNCTION 2",
            "POP_TOP",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR extend",
            "LOAD_CONST (7,)",
            "CALL_FUNCTION 1",
            "POP_TOP",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR pop",
            "CALL_FUNCTION 0",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR pop",
            "LOAD_CONST 0",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR index",
            "LOAD_CONST 2",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR count",
            "LOAD_CONST 1",
            "CALL_FUNCTION 1",
            "CALL_FUNCTION 4",
            "POP_TOP",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR remove",
            "LOAD_CONST 1",
            "CALL_FUNCTION 1",
            "POP_TOP",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR reverse",
            "CALL_FUNCTION 0",
            "POP_TOP",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL xs",
            "CALL_FUNCTION 1",
            "POP_TOP",
            "LOAD_GLOBAL xs",
            "LOAD_ATTR sort",
            "LOAD_CONST True",
            "LOAD_CONST (\"reverse\",)",
            "CALL_FUNCTION_KW 1",
            "POP_TOP",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL xs",
            "CALL_FUNCTION 1",
            "POP_TOP"));
  }

  /** Calls of str methods on a fresh receiver, with what CPython prints for each. */
  static Stream<Arguments> strMethodCalls() {
    return Stream.of(
        Arguments.of("a-b-c\n", "LOAD_CONST \"-\"", "join", "LOAD_CONST (\"a\", \"b\", \"c\")", 1),
        Arguments.of("['a', 'b', 'c']\n", "LOAD_CONST \"  a b\\n c \"", "split", "", 0),
        Arguments.of("['a', '', 'b']\n", "LOAD_CONST \"a,,b\"", "split", "LOAD_CONST \",\"", 1),
        Arguments.of("x y\n", "LOAD_CONST \" \\nx y \"", "strip", "", 0),
        Arguments.of("x  \n", "LOAD_CONST \"  x  \"", "lstrip", "", 0),
        Arguments.of("  x\n", "LOAD_CONST \"  x  \"", "rstrip", "", 0),
        Arguments.of("ABC\n", "LOAD_CONST \"aBc\"", "upper", "", 0),
        Arguments.of("abc\n", "LOAD_CONST \"aBc\"", "lower", "", 0),
        Arguments.of("True\n", "LOAD_CONST \"hello\"", "startswith", "LOAD_CONST \"he\"", 1),
        Arguments.of("True\n", "LOAD_CONST \"hello\"", "endswith", "LOAD_CONST (\"x\", \"lo\")", 1),
        Arguments.of(
            "heLLo\n", "LOAD_CONST \"hello\"", "replace", "LOAD_CONST \"l\"\nLOAD_CONST \"L\"", 2),
        Arguments.of("3\n", "LOAD_CONST \"h\uD83D\uDE00xlo\"", "find", "LOAD_CONST \"lo\"", 1),
        Arguments.of("2\n", "LOAD_CONST \"hello\"", "count", "LOAD_CONST \"l\"", 1));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("strMethodCalls")
  void strMethodsPrintWhatCPythonPrints(
      String printed, String receiver, String method, String args, int argc) {
    assertEquals(printed, call(receiver, method, args, argc));
  }

  @Test
  void strMethods() {
    assertEquals(
        "True False\n",
        runs(
            "LOAD_GLOBAL print",
            "LOAD_CONST \"123\"",
            "LOAD_ATTR isdigit",
            "CALL_FUNCTION 0",
            "LOAD_CONST \"12a\"",
            "LOAD_ATTR isdigit",
            "CALL_FUNCTION 0",
            "CALL_FUNCTION 2",
            "POP_TOP"));
  }

  @Test
  void floats() {
    // print(0.1 + 0.2, 1e16, 1.0, 7 / 2, 1 / 3, -5.5 // 2, 5.5 % -2, 2 * 0.5, float('inf'),
    //   1 < 1.5, 2 == 2.0, 10 / 4, 1e-05, 123456789.0 * 10)
    assertEquals(
        "0.30000000000000004 1e+16 1.0 3.5 0.3333333333333333 -3.0 -0.5 1.0 inf True True 2.5"
            + " 1e-05 1234567890.0\n",
        runs(
            "LOAD_GLOBAL print",
            "LOAD_CONST 0.1",
            "LOAD_CONST 0.2",
            "BINARY_OP +",
            "LOAD_CONST 1e16",
            "LOAD_CONST 1.0",
            "LOAD_CONST 7",
            "LOAD_CONST 2",
            "BINARY_OP /",
            "LOAD_CONST 1",
            "LOAD_CONST 3",
            "BINARY_OP /",
            "LOAD_CONST -5.5",
            "LOAD_CONST 2",
            "BINARY_OP //",
            "LOAD_CONST 5.5",
            "LOAD_CONST -2",
            "BINARY_OP %",
            "LOAD_CONST 2",
            "LOAD_CONST 0.5",
            "BINARY_OP *",
            "LOAD_GLOBAL float",
            "LOAD_CONST \"inf\"",
            "CALL_FUNCTION 1",
            "LOAD_CONST 1",
            "LOAD_CONST 1.5",
            "COMPARE_OP <",
            "LOAD_CONST 2",
            "LOAD_CONST 2.0",
            "COMPARE_OP ==",
            "LOAD_CONST 10",
            "LOAD_CONST 4",
            "BINARY_OP /=",
            "LOAD_CONST 1e-5",
            "LOAD_CONST 123456789.0",
            "LOAD_CONST 10",
            "BINARY_OP *",
            "CALL_FUNCTION 14",
            "POP_TOP"));
  }

  @Test
  void divisionInAFunctionLoopStaysAFloat() {
    // def f(x): x = x / 2; x = x / 2; return x  -- the fused
    // LOAD_FAST/LOAD_CONST/BINARY_OP/STORE_FAST
    Code f =
        PyAsm.function(
            "f",
            "x",
            1,
            "LOAD_FAST x\nLOAD_CONST 2\nBINARY_OP /\nSTORE_FAST x\n"
                + "LOAD_FAST x\nLOAD_CONST 2\nBINARY_OP /=\nSTORE_FAST x\nLOAD_FAST x\nRETURN_VALUE");
    assertEquals(
        "2.5\n",
        output(
            PyAsm.module(
                "LOAD_CONST &f\nMAKE_FUNCTION\nSTORE_GLOBAL f\nLOAD_GLOBAL print\nLOAD_GLOBAL f\n"
                    + "LOAD_CONST 10\nCALL_FUNCTION 1\nCALL_FUNCTION 1\nPOP_TOP\nLOAD_CONST None\nRETURN_VALUE",
                Map.of("f", f))));
  }

  @Test
  void strIsASequenceOfCodePoints() {
    // s = 'h\u00e9llo\U0001F600'; print(len(s), s[5] == '\U0001F600', repr(s[-1]),
    //   repr('\x00\u200b\'\t'), 'a\U0001F600' < 'a\uffff')
    String s = "h\u00e9llo\uD83D\uDE00";
    assertEquals(
        "6 True '\uD83D\uDE00' \"\\x00\\u200b'\\t\" False\n",
        runs(
            "LOAD_CONST \"" + s + "\"",
            "STORE_GLOBAL s",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL len",
            "LOAD_GLOBAL s",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL s",
            "LOAD_CONST 5",
            "BINARY_SUBSCR",
            "LOAD_CONST \"\uD83D\uDE00\"",
            "COMPARE_OP ==",
            "LOAD_GLOBAL s",
            "LOAD_CONST -1",
            "BINARY_SUBSCR",
            "FORMAT_VALUE 1",
            "LOAD_GLOBAL repr",
            "LOAD_CONST \"\u0000\u200b'\t\"",
            "CALL_FUNCTION 1",
            "LOAD_CONST \"a\uD83D\uDE00\"",
            "LOAD_CONST \"a\uffff\"",
            "COMPARE_OP <",
            "CALL_FUNCTION 5",
            "POP_TOP"));
  }

  @Test
  void builtins() {
    // print(int('  -12_3 '), int(7.9), int(-7.9), float('1e3'), float(' -inf '), str(1.5),
    //   repr('x'), abs(-3), abs(-2.5), bool([]), bool((0,)), list('ab'), tuple([1]), min(3, 1, 2),
    //   max([1, 5, 2]), sum([1, 2, 3]), sum((0.5, 1)), sorted('bca'), len(range(0, 10, 3)),
    //   repr(range(1, 5, 2)))
    assertEquals(
        "-123 7 -7 1000.0 -inf 1.5 'x' 3 2.5 False True ['a', 'b'] (1,) 1 5 6 1.5 ['a', 'b', 'c'] 4"
            + " range(1, 5, 2)\n",
        runs(
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL int",
            "LOAD_CONST \"  -12_3 \"",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL int",
            "LOAD_CONST 7.9",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL int",
            "LOAD_CONST -7.9",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL float",
            "LOAD_CONST \"1e3\"",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL float",
            "LOAD_CONST \" -inf \"",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL str",
            "LOAD_CONST 1.5",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL repr",
            "LOAD_CONST \"x\"",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL abs",
            "LOAD_CONST -3",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL abs",
            "LOAD_CONST -2.5",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL bool",
            "BUILD_LIST 0",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL bool",
            "LOAD_CONST (0,)",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL list",
            "LOAD_CONST \"ab\"",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL tuple",
            "LOAD_CONST 1",
            "BUILD_LIST 1",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL min",
            "LOAD_CONST 3",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "CALL_FUNCTION 3",
            "LOAD_GLOBAL max",
            "LOAD_CONST 1",
            "LOAD_CONST 5",
            "LOAD_CONST 2",
            "BUILD_LIST 3",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL sum",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "LOAD_CONST 3",
            "BUILD_LIST 3",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL sum",
            "LOAD_CONST (0.5, 1)",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL sorted",
            "LOAD_CONST \"bca\"",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL len",
            "LOAD_GLOBAL range",
            "LOAD_CONST 0",
            "LOAD_CONST 10",
            "LOAD_CONST 3",
            "CALL_FUNCTION 3",
            "CALL_FUNCTION 1",
            "LOAD_GLOBAL repr",
            "LOAD_GLOBAL range",
            "LOAD_CONST 1",
            "LOAD_CONST 5",
            "LOAD_CONST 2",
            "CALL_FUNCTION 3",
            "CALL_FUNCTION 1",
            "CALL_FUNCTION 20",
            "POP_TOP"));
  }

  @Test
  void operatorsOnSequencesAndIdentity() {
    // print('a' * 3, [1] + [2], (1,) + (2,), 1 in [1, 2], 'b' in 'abc', 3 in range(0, 10, 3),
    //   (1, 2) < (1, 3), [1, 2] == [1, 2], (1,) == [1], None is None, 3 not in (1, 2))
    assertEquals(
        "aaa [1, 2] (1, 2) True True True True True False True True\n",
        runs(
            "LOAD_GLOBAL print",
            "LOAD_CONST \"a\"",
            "LOAD_CONST 3",
            "BINARY_OP *",
            "LOAD_CONST 1",
            "BUILD_LIST 1",
            "LOAD_CONST 2",
            "BUILD_LIST 1",
            "BINARY_OP +",
            "LOAD_CONST (1,)",
            "LOAD_CONST (2,)",
            "BINARY_OP +",
            "LOAD_CONST 1",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "BUILD_LIST 2",
            "CONTAINS_OP 0",
            "LOAD_CONST \"b\"",
            "LOAD_CONST \"abc\"",
            "CONTAINS_OP 0",
            "LOAD_CONST 3",
            "LOAD_GLOBAL range",
            "LOAD_CONST 0",
            "LOAD_CONST 10",
            "LOAD_CONST 3",
            "CALL_FUNCTION 3",
            "CONTAINS_OP 0",
            "LOAD_CONST (1, 2)",
            "LOAD_CONST (1, 3)",
            "COMPARE_OP <",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "BUILD_LIST 2",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "BUILD_LIST 2",
            "COMPARE_OP ==",
            "LOAD_CONST (1,)",
            "LOAD_CONST 1",
            "BUILD_LIST 1",
            "COMPARE_OP ==",
            "LOAD_CONST None",
            "LOAD_CONST None",
            "IS_OP 0",
            "LOAD_CONST 3",
            "LOAD_CONST (1, 2)",
            "CONTAINS_OP 1",
            "CALL_FUNCTION 11",
            "POP_TOP"));
  }

  @Test
  void printSepEndAndFStrings() {
    // print(1, 2, sep='-', end='!\n'); x = 5; y = 'q'; print(f'a{x}b{y!r}')
    assertEquals(
        "1-2!\na5b'q'\n",
        runs(
            "LOAD_GLOBAL print",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "LOAD_CONST \"-\"",
            "LOAD_CONST \"!\\n\"",
            "LOAD_CONST (\"sep\", \"end\")",
            "CALL_FUNCTION_KW 4",
            "POP_TOP",
            "LOAD_CONST 5",
            "STORE_GLOBAL x",
            "LOAD_CONST \"q\"",
            "STORE_GLOBAL y",
            "LOAD_GLOBAL print",
            "LOAD_CONST \"a\"",
            "LOAD_GLOBAL x",
            "FORMAT_VALUE 0",
            "LOAD_CONST \"b\"",
            "LOAD_GLOBAL y",
            "FORMAT_VALUE 1",
            "BUILD_STRING 4",
            "CALL_FUNCTION 1",
            "POP_TOP"));
  }

  @Test
  void unaryChainedComparisonAndDelete() {
    // x = 3; print(-x, not x, 1 < x < 5); del x; print(x) -> NameError
    Code m =
        PyAsm.module(
            """
                          @1
                          LOAD_CONST 3
                          STORE_GLOBAL x
                          @2
                          LOAD_GLOBAL print
                          LOAD_GLOBAL x
                          UNARY_NEGATIVE
                          LOAD_GLOBAL x
                          UNARY_NOT
                          LOAD_CONST 1
                          LOAD_GLOBAL x
                          SWAP 2
                          COPY 2
                          COMPARE_OP <
                          COPY 1
                          POP_JUMP_IF_FALSE cleanup
                          POP_TOP
                          LOAD_CONST 5
                          COMPARE_OP <
                          JUMP_FORWARD end
                          cleanup:
                          SWAP 2
                          POP_TOP
                          end:
                          CALL_FUNCTION 3
                          POP_TOP
                          @3
                          DELETE_GLOBAL x
                          @4
                          LOAD_GLOBAL print
                          LOAD_GLOBAL x
                          CALL_FUNCTION 1
                          POP_TOP
                          LOAD_CONST None
                          RETURN_VALUE\
                          """);
    Outcome o = exec(m);
    assertEquals("-3 False True\n", o.out());
    assertEquals(
        "prog.py:4: NameError: name 'x' is not defined".replace("prog.py", "<module>"),
        o.error().getMessage());
  }

  @Test
  void unboundLocalUsesTheWordingOf311() {
    // def f(): x = 1; del x; return x
    Code f =
        PyAsm.function(
            "f", "", 1, "LOAD_CONST 1\nSTORE_FAST x\nDELETE_FAST x\nLOAD_FAST x\nRETURN_VALUE");
    InterpreterError e =
        error(
            PyAsm.module(
                "LOAD_CONST &f\nMAKE_FUNCTION\nCALL_FUNCTION 0\nRETURN_VALUE", Map.of("f", f)));
    assertEquals("UnboundLocalError", e.kind());
    assertEquals(
        "cannot access local variable 'x' where it is not associated with a value", e.detail());
  }

  @Test
  void namesModulesAndCalls() {
    assertEquals(
        "<built-in function print> <module 'sys' (built-in)> <class 'range'> None\n",
        output(
            PyAsm.module(
                "LOAD_GLOBAL print\nLOAD_GLOBAL print\nIMPORT_NAME sys\n"
                    + "LOAD_GLOBAL range\nLOAD_CONST None\nCALL_FUNCTION 4\nRETURN_VALUE")));
  }

  /**
   * A module that defines, on lines 1 and 2, {@code def <name>(): return 1 // 0}, then goes on with
   * the lines of {@code rest} and returns None.
   */
  private static Code afterDefiningADivisionByZero(String name, String... rest) {
    Code divides =
        PyAsm.function(name, "", 1, "@2\nLOAD_CONST 1\nLOAD_CONST 0\nBINARY_OP //\nRETURN_VALUE");
    return PyAsm.module(
        String.join(
            "\n",
            "@1",
            "LOAD_CONST &" + name,
            "MAKE_FUNCTION",
            "STORE_GLOBAL " + name,
            String.join("\n", rest),
            "LOAD_CONST None",
            "RETURN_VALUE"),
        Map.of(name, divides));
  }

  /** The error that running {@code module} (assembler text) raises in {@code in}. */
  private static InterpreterError raisedBy(Interpreter in, String module) {
    return assertThrows(InterpreterError.class, () -> in.exec(PyAsm.module(module)));
  }

  /** {@code t = threading.Thread(target=print, args=('hi',))}, the thread the start tests use. */
  private static final String NEW_THREAD_T =
      """
      IMPORT_NAME threading
      LOAD_ATTR Thread
      LOAD_GLOBAL print
      LOAD_CONST ("hi",)
      LOAD_CONST ("target", "args")
      CALL_FUNCTION_KW 2
      STORE_GLOBAL t\
      """;

  /** {@code <global>.<method>()} as a statement: the call, its result dropped. */
  private static String methodCall(String global, String method) {
    return "LOAD_GLOBAL " + global + "\nLOAD_ATTR " + method + "\nCALL_FUNCTION 0\nPOP_TOP";
  }

  @Test
  void tracebackNamesEveryFrameOutermostFirst() {
    // 1 def f():
    // 2     return 1 // 0
    // 3
    // 4
    // 5 f()
    InterpreterError e =
        error(afterDefiningADivisionByZero("f", "@5\nLOAD_GLOBAL f\nCALL_FUNCTION 0\nPOP_TOP"));
    assertEquals(
        List.of(
            new InterpreterError.Frame("prog.py", "<module>", 5),
            new InterpreterError.Frame("prog.py", "f", 2)),
        e.traceback());
    assertEquals("f:2: ZeroDivisionError: integer division or modulo by zero", e.getMessage());
  }

  /**
   *
   *
   * <pre>
   * 1 import threading
   * 2 lock = threading.Lock()
   * 3 counter = 0
   * 4 def work(n):
   * 5     global counter
   * 6     for i in range(n):
   * 7         with lock:
   * 8             counter += 1
   * 9 t1 = threading.Thread(target=work, args=(1000,))
   * 10 t2 = threading.Thread(target=work, args=(1000,))
   * 11 t1.start(); t2.start(); t1.join(); t2.join()
   * 12 print(counter, t1.name, t2.name, threading.current_thread().name, t1.is_alive(), lock.locked())
   * </pre>
   */
  @Test
  void twoThreadsCountUnderALock() {
    Code work =
        PyAsm.function(
            "work",
            "n",
            4,
            """
                                               @6
                                               LOAD_GLOBAL range
                                               LOAD_FAST n
                                               CALL_FUNCTION 1
                                               GET_ITER
                                               top:
                                               FOR_ITER end
                                               STORE_FAST i
                                               @7
                                               LOAD_GLOBAL lock
                                               BEFORE_WITH
                                               POP_TOP
                                               @8
                                               LOAD_GLOBAL counter
                                               LOAD_CONST 1
                                               BINARY_OP +=
                                               STORE_GLOBAL counter
                                               @7
                                               LOAD_CONST None
                                               LOAD_CONST None
                                               LOAD_CONST None
                                               CALL_FUNCTION 3
                                               POP_TOP
                                               JUMP_BACKWARD top
                                               end:
                                               LOAD_CONST None
                                               RETURN_VALUE\
                                               """);
    List<String> thread =
        List.of(
            "IMPORT_NAME threading",
            "LOAD_ATTR Thread",
            "LOAD_GLOBAL work",
            "LOAD_CONST (1000,)",
            "LOAD_CONST (\"target\", \"args\")",
            "CALL_FUNCTION_KW 2");
    assertEquals(
        "2000 Thread-1 (work) Thread-2 (work) MainThread False False\n",
        runs(
            Map.of("work", work),
            "@1",
            "IMPORT_NAME threading",
            "STORE_GLOBAL threading",
            "@2",
            "LOAD_GLOBAL threading",
            "LOAD_ATTR Lock",
            "CALL_FUNCTION 0",
            "STORE_GLOBAL lock",
            "@3",
            "LOAD_CONST 0",
            "STORE_GLOBAL counter",
            "@4",
            "LOAD_CONST &work",
            "MAKE_FUNCTION",
            "STORE_GLOBAL work",
            "@9",
            String.join("\n", thread),
            "STORE_GLOBAL t1",
            "@10",
            String.join("\n", thread),
            "STORE_GLOBAL t2",
            "@11",
            methodCall("t1", "start"),
            methodCall("t2", "start"),
            methodCall("t1", "join"),
            methodCall("t2", "join"),
            "@12",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL counter",
            "LOAD_GLOBAL t1",
            "LOAD_ATTR name",
            "LOAD_GLOBAL t2",
            "LOAD_ATTR name",
            "LOAD_GLOBAL threading",
            "LOAD_ATTR current_thread",
            "CALL_FUNCTION 0",
            "LOAD_ATTR name",
            "LOAD_GLOBAL t1",
            "LOAD_ATTR is_alive",
            "CALL_FUNCTION 0",
            "LOAD_GLOBAL lock",
            "LOAD_ATTR locked",
            "CALL_FUNCTION 0",
            "CALL_FUNCTION 6",
            "POP_TOP"));
  }

  /**
   *
   *
   * <pre>
   * 1 def bad():
   * 2     return 1 // 0
   * 3 from threading import Thread
   * 4 t = Thread(target=bad)
   * 5 t.start()
   * 6 t.join()
   * 7 print('after')
   * </pre>
   */
  @Test
  void anErrorInAThreadIsPrintedAndTheProgramCarriesOn() {
    Outcome o =
        exec(
            afterDefiningADivisionByZero(
                "bad",
                "@3",
                "IMPORT_NAME threading",
                "LOAD_ATTR Thread",
                "STORE_GLOBAL Thread",
                "@4",
                "LOAD_GLOBAL Thread",
                "LOAD_GLOBAL bad",
                "LOAD_CONST (\"target\",)",
                "CALL_FUNCTION_KW 1",
                "STORE_GLOBAL t",
                "@5",
                methodCall("t", "start"),
                "@6",
                methodCall("t", "join"),
                "@7",
                "LOAD_GLOBAL print",
                "LOAD_CONST \"after\"",
                "CALL_FUNCTION 1",
                "POP_TOP"));
    assertEquals(null, o.error());
    assertEquals("after\n", o.out());
    assertEquals(
        """
        Exception in thread Thread-1 (bad):
        Traceback (most recent call last):
          File "prog.py", line 2, in bad
        ZeroDivisionError: integer division or modulo by zero
        """,
        o.err());
  }

  /**
   * An error inside a with-block releases the lock as it unwinds the frame.
   *
   * <pre>
   * 1 import threading
   * 2 lock = threading.Lock()
   * 3 def f():
   * 4     with lock:
   * 5         return 1 // 0
   * 6 f()
   * </pre>
   *
   * then, as a second program on the same interpreter: {@code print(lock.locked())}.
   */
  @Test
  void anErrorInAWithBlockReleasesTheLock() {
    Code f =
        PyAsm.function(
            "f",
            "",
            3,
            """
                                        @4
                                        LOAD_GLOBAL lock
                                        BEFORE_WITH
                                        POP_TOP
                                        @5
                                        LOAD_CONST 1
                                        LOAD_CONST 0
                                        BINARY_OP //
                                        SWAP 2
                                        LOAD_CONST None
                                        LOAD_CONST None
                                        LOAD_CONST None
                                        CALL_FUNCTION 3
                                        POP_TOP
                                        RETURN_VALUE\
                                        """);
    Code m =
        PyAsm.module(
            """
                          @1
                          IMPORT_NAME threading
                          STORE_GLOBAL threading
                          @2
                          LOAD_GLOBAL threading
                          LOAD_ATTR Lock
                          CALL_FUNCTION 0
                          STORE_GLOBAL lock
                          @3
                          LOAD_CONST &f
                          MAKE_FUNCTION
                          STORE_GLOBAL f
                          @6
                          LOAD_GLOBAL f
                          CALL_FUNCTION 0
                          POP_TOP
                          LOAD_CONST None
                          RETURN_VALUE\
                          """,
            Map.of("f", f));
    Code check =
        PyAsm.module(
            "LOAD_GLOBAL print\nLOAD_GLOBAL lock\nLOAD_ATTR locked\nCALL_FUNCTION 0\n"
                + "CALL_FUNCTION 1\nPOP_TOP\nLOAD_CONST None\nRETURN_VALUE");
    Captured out = new Captured();
    try (Interpreter in = Interpreter.builder().out(out.stream()).build()) {
      InterpreterError e = assertThrows(InterpreterError.class, () -> in.exec(m));
      assertEquals(
          List.of(
              new InterpreterError.Frame("prog.py", "<module>", 6),
              new InterpreterError.Frame("prog.py", "f", 5)),
          e.traceback());
      in.exec(check);
      assertEquals("False\n", out.text());
      Closing.assertFreesEverything(in);
    }
  }

  @Test
  void releasingAnUnlockedLockIsARuntimeError() {
    // lock.acquire(); print(lock.acquire(blocking=False), lock.acquire(timeout=0.01))
    assertEquals(
        "False False\n",
        runs(
            "IMPORT_NAME threading",
            "LOAD_ATTR Lock",
            "CALL_FUNCTION 0",
            "STORE_GLOBAL lock",
            methodCall("lock", "acquire"),
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL lock",
            "LOAD_ATTR acquire",
            "LOAD_CONST False",
            "LOAD_CONST (\"blocking\",)",
            "CALL_FUNCTION_KW 1",
            "LOAD_GLOBAL lock",
            "LOAD_ATTR acquire",
            "LOAD_CONST 0.01",
            "LOAD_CONST (\"timeout\",)",
            "CALL_FUNCTION_KW 1",
            "CALL_FUNCTION 2",
            "POP_TOP"));
  }

  /**
   * exec waits for the threads the program started, as CPython does at exit: {@code def late():
   * gate.acquire(); time.sleep(0.05); print('late')} started while the module holds {@code gate},
   * then {@code print('main')} and {@code gate.release()}: late prints after main whatever the
   * scheduler does, and after the module has ended.
   */
  @Test
  void execWaitsForNonDaemonThreads() {
    Code late =
        PyAsm.function(
            "late",
            "",
            1,
            """
                                              LOAD_GLOBAL gate
                                              LOAD_ATTR acquire
                                              CALL_FUNCTION 0
                                              POP_TOP
                                              IMPORT_NAME time
                                              LOAD_ATTR sleep
                                              LOAD_CONST 0.05
                                              CALL_FUNCTION 1
                                              POP_TOP
                                              LOAD_GLOBAL print
                                              LOAD_CONST "late"
                                              CALL_FUNCTION 1
                                              RETURN_VALUE\
                                              """);
    assertEquals(
        "main\nlate\n",
        runs(
            Map.of("late", late),
            """
                          IMPORT_NAME threading
                          LOAD_ATTR Lock
                          CALL_FUNCTION 0
                          STORE_GLOBAL gate
                          LOAD_GLOBAL gate
                          LOAD_ATTR acquire
                          CALL_FUNCTION 0
                          POP_TOP
                          IMPORT_NAME threading
                          LOAD_ATTR Thread
                          LOAD_CONST &late
                          MAKE_FUNCTION
                          LOAD_CONST ("target",)
                          CALL_FUNCTION_KW 1
                          LOAD_ATTR start
                          CALL_FUNCTION 0
                          POP_TOP
                          LOAD_GLOBAL print
                          LOAD_CONST "main"
                          CALL_FUNCTION 1
                          POP_TOP
                          LOAD_GLOBAL gate
                          LOAD_ATTR release
                          CALL_FUNCTION 0
                          POP_TOP\
                          """));
  }

  @Test
  void theCountdownStillRunsAndLeavesNothing() {
    try (Interpreter in = Interpreter.create()) {
      assertEquals(0L, in.run(Examples.countdown(), 100_000L));
      Closing.assertFreesEverything(in);
    }
  }

  /**
   *
   *
   * <pre>
   * 1 import sys
   * 2 def key(v):
   * 3     return -v
   * 4 def first_big(xs):
   * 5     for x in xs:
   * 6         if x > 2:
   * 7             return x
   * 8     return None
   * 9 def g():
   * 10     a = []
   * 11     return sys.getrefcount(a)
   * 12 print(sorted([3, 1, 2], key=key), min([3, 1, 2], key=key), first_big([1, 5, 7]), g())
   * 13 for c in 'abc':
   * 14     if c == 'b':
   * 15         break
   * 16     print(c)
   * </pre>
   */
  @Test
  void returnAndBreakInsideForReleaseTheIterator() {
    Code key = PyAsm.function("key", "v", 2, "@3\nLOAD_FAST v\nUNARY_NEGATIVE\nRETURN_VALUE");
    // ([3, 1, 2], key=key), called by sorted and by min
    String keyedCallArgs =
        "LOAD_CONST 3\nLOAD_CONST 1\nLOAD_CONST 2\nBUILD_LIST 3\nLOAD_GLOBAL key\n"
            + "LOAD_CONST (\"key\",)\nCALL_FUNCTION_KW 2";
    Code firstBig =
        PyAsm.function(
            "first_big",
            "xs",
            4,
            """
                                                         @5
                                                         LOAD_FAST xs
                                                         GET_ITER
                                                         top:
                                                         FOR_ITER end
                                                         STORE_FAST x
                                                         @6
                                                         LOAD_FAST x
                                                         LOAD_CONST 2
                                                         COMPARE_OP >
                                                         POP_JUMP_IF_FALSE next
                                                         @7
                                                         LOAD_FAST x
                                                         SWAP 2
                                                         POP_TOP
                                                         RETURN_VALUE
                                                         next:
                                                         @5
                                                         JUMP_BACKWARD top
                                                         end:
                                                         @8
                                                         LOAD_CONST None
                                                         RETURN_VALUE\
                                                         """);
    Code g =
        PyAsm.function(
            "g",
            "",
            9,
            """
                                        @10
                                        BUILD_LIST 0
                                        STORE_FAST a
                                        @11
                                        LOAD_GLOBAL sys
                                        LOAD_ATTR getrefcount
                                        LOAD_FAST a
                                        CALL_FUNCTION 1
                                        RETURN_VALUE\
                                        """);
    assertEquals(
        "[3, 2, 1] 3 5 2\na\n",
        runs(
            Map.of("key", key, "first_big", firstBig, "g", g),
            """
                          @1
                          IMPORT_NAME sys
                          STORE_GLOBAL sys
                          @2
                          LOAD_CONST &key
                          MAKE_FUNCTION
                          STORE_GLOBAL key
                          @4
                          LOAD_CONST &first_big
                          MAKE_FUNCTION
                          STORE_GLOBAL first_big
                          @9
                          LOAD_CONST &g
                          MAKE_FUNCTION
                          STORE_GLOBAL g
                          @12
                          LOAD_GLOBAL print
                          LOAD_GLOBAL sorted
                          %1$s
                          LOAD_GLOBAL min
                          %1$s
                          LOAD_GLOBAL first_big
                          LOAD_CONST 1
                          LOAD_CONST 5
                          LOAD_CONST 7
                          BUILD_LIST 3
                          CALL_FUNCTION 1
                          LOAD_GLOBAL g
                          CALL_FUNCTION 0
                          CALL_FUNCTION 4
                          POP_TOP
                          @13
                          LOAD_CONST "abc"
                          GET_ITER
                          loop:
                          FOR_ITER done
                          STORE_GLOBAL c
                          @14
                          LOAD_GLOBAL c
                          LOAD_CONST "b"
                          COMPARE_OP ==
                          POP_JUMP_IF_FALSE body
                          @15
                          POP_TOP
                          JUMP_FORWARD done
                          body:
                          @16
                          LOAD_GLOBAL print
                          LOAD_GLOBAL c
                          CALL_FUNCTION 1
                          POP_TOP
                          JUMP_BACKWARD loop
                          done:\
                          """
                .formatted(keyedCallArgs)));
  }

  /**
   *
   *
   * <pre>
   * 1 import threading
   * 2 t = threading.Thread(target=print, args=('hi',))
   * 3 t.join()    # RuntimeError, as a second program: t.start(); t.join(); t.start()
   * </pre>
   */
  @Test
  void threadLifecycleErrors() {
    Captured out = new Captured();
    try (Interpreter in = Interpreter.builder().out(out.stream()).build()) {
      in.exec(PyAsm.module(NEW_THREAD_T + "\nLOAD_CONST None\nRETURN_VALUE"));
      InterpreterError e =
          raisedBy(in, "LOAD_GLOBAL t\nLOAD_ATTR join\nCALL_FUNCTION 0\nRETURN_VALUE");
      assertEquals(
          "RuntimeError: cannot join thread before it is started", e.kind() + ": " + e.detail());
      e =
          raisedBy(
              in,
              String.join(
                  "\n",
                  methodCall("t", "start"),
                  methodCall("t", "join"),
                  "LOAD_GLOBAL print",
                  "IMPORT_NAME threading",
                  "LOAD_ATTR active_count",
                  "CALL_FUNCTION 0",
                  "LOAD_GLOBAL t",
                  "LOAD_ATTR is_alive",
                  "CALL_FUNCTION 0",
                  "CALL_FUNCTION 2",
                  "POP_TOP",
                  "LOAD_GLOBAL t",
                  "LOAD_ATTR start",
                  "CALL_FUNCTION 0",
                  "RETURN_VALUE"));
      assertEquals("RuntimeError: threads can only be started once", e.kind() + ": " + e.detail());
      assertEquals("hi\n1 False\n", out.text());
      Closing.assertFreesEverything(in);
    }
  }

  /**
   * When the thread factory makes no thread, or one that cannot start (here: one already started),
   * {@code start()} raises {@code RuntimeError} as CPython's does when it gets no thread. The
   * thread is not counted as running and holds no reference, so {@code close()} frees it; as in
   * CPython, it may be started again.
   *
   * <pre>
   * 1 import threading
   * 2 t = threading.Thread(target=print, args=('hi',))
   * 3 t.start()    # RuntimeError: can't start new thread
   * 4 t.start(); t.join()    # as a second program, with a factory that now makes threads
   * </pre>
   */
  @Test
  void aThreadThatFailsToStartIsNotCountedAndMayStartAgain() {
    aThreadThatFailsToStart(() -> null);
    aThreadThatFailsToStart(
        () -> {
          Thread started = new Thread(() -> {});
          started.start();
          return started;
        });
  }

  /** Runs the program above with a factory whose first thread is {@code first}'s. */
  private static void aThreadThatFailsToStart(Supplier<Thread> first) {
    Captured out = new Captured();
    AtomicInteger calls = new AtomicInteger();
    try (Interpreter in =
        Interpreter.builder()
            .out(out.stream())
            .threadFactory(r -> calls.getAndIncrement() == 0 ? first.get() : new Thread(r))
            .build()) {
      InterpreterError e =
          raisedBy(
              in, NEW_THREAD_T + "\nLOAD_GLOBAL t\nLOAD_ATTR start\nCALL_FUNCTION 0\nRETURN_VALUE");
      assertEquals("RuntimeError: can't start new thread", e.kind() + ": " + e.detail());
      assertEquals(0, in.runningThreads());
      in.exec(
          PyAsm.module(
              String.join(
                  "\n",
                  methodCall("t", "start"),
                  methodCall("t", "join"),
                  "LOAD_CONST None",
                  "RETURN_VALUE")));
      assertEquals("hi\n", out.text());
      assertEquals(0, in.runningThreads());
      Closing.assertFreesEverything(in);
    }
  }

  /**
   * {@code def r(n): keep = [n]; return r(n + 1)}: a RecursionError unwinds every frame and leaks
   * nothing.
   */
  @Test
  void recursionErrorUnwindsEveryFrame() {
    Code r =
        PyAsm.function(
            "r",
            "n",
            1,
            """
                                         @2
                                         LOAD_FAST n
                                         BUILD_LIST 1
                                         STORE_FAST keep
                                         LOAD_GLOBAL r
                                         LOAD_FAST n
                                         LOAD_CONST 1
                                         BINARY_OP +
                                         CALL_FUNCTION 1
                                         RETURN_VALUE\
                                         """);
    InterpreterError e =
        error(
            PyAsm.module(
                """
                                            LOAD_CONST &r
                                            MAKE_FUNCTION
                                            STORE_GLOBAL r
                                            @3
                                            LOAD_GLOBAL r
                                            LOAD_CONST 0
                                            CALL_FUNCTION 1
                                            RETURN_VALUE\
                                            """,
                Map.of("r", r)));
    assertEquals("RecursionError", e.kind());
    assertEquals(201, e.traceback().size()); // the module, then 200 frames of r (the limit)
    assertEquals(new InterpreterError.Frame("prog.py", "<module>", 3), e.traceback().get(0));
  }

  /** Interrupting the thread in exec stops its wait for the program's threads. */
  @Test
  void interruptingExecStopsTheWait() throws Exception {
    // lock = Lock(); lock.acquire(); Thread(target=lock.acquire).start()  -- blocks for ever
    Code m =
        PyAsm.module(
            """
                          IMPORT_NAME threading
                          LOAD_ATTR Lock
                          CALL_FUNCTION 0
                          STORE_GLOBAL lock
                          LOAD_GLOBAL lock
                          LOAD_ATTR acquire
                          CALL_FUNCTION 0
                          POP_TOP
                          IMPORT_NAME threading
                          LOAD_ATTR Thread
                          LOAD_GLOBAL lock
                          LOAD_ATTR acquire
                          LOAD_CONST ("target",)
                          CALL_FUNCTION_KW 1
                          LOAD_ATTR start
                          CALL_FUNCTION 0
                          POP_TOP
                          LOAD_CONST None
                          RETURN_VALUE\
                          """);
    Interpreter in = Interpreter.create();
    java.util.concurrent.atomic.AtomicReference<Throwable> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                in.exec(m);
              } catch (Throwable t) {
                seen.set(t);
              }
            });
    caller.start();
    // Interrupt it only once it waits for the blocked thread, the wait the interrupt must end.
    await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                caller.getState() == Thread.State.WAITING
                    && Stream.of(caller.getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("joinNonDaemonThreads")));
    caller.interrupt();
    caller.join(10_000);
    assertEquals(false, caller.isAlive());
    InterpreterError e = (InterpreterError) seen.get();
    assertEquals("KeyboardInterrupt", e.kind());
    // Release the blocked thread so the interpreter can close cleanly.
    in.exec(PyAsm.module("LOAD_GLOBAL lock\nLOAD_ATTR release\nCALL_FUNCTION 0\nRETURN_VALUE"));
    Closing.assertFreesEverything(in);
  }

  /**
   *
   *
   * <pre>
   * a = [1]; b = a; a += [2, 3]; print(a, b, a is b)     # [1, 2, 3] [1, 2, 3] True
   * a *= 2; print(b)                                     # [1, 2, 3, 1, 2, 3]
   * </pre>
   */
  @Test
  void augmentedAssignmentOnAListChangesItInPlace() {
    assertEquals(
        "[1, 2, 3] [1, 2, 3] True\n[1, 2, 3, 1, 2, 3]\n",
        runs(
            "LOAD_CONST 1",
            "BUILD_LIST 1",
            "STORE_GLOBAL a",
            "LOAD_GLOBAL a",
            "STORE_GLOBAL b",
            "LOAD_GLOBAL a",
            "LOAD_CONST 2",
            "LOAD_CONST 3",
            "BUILD_LIST 2",
            "BINARY_OP +=",
            "STORE_GLOBAL a",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL a",
            "LOAD_GLOBAL b",
            "LOAD_GLOBAL a",
            "LOAD_GLOBAL b",
            "IS_OP 0",
            "CALL_FUNCTION 3",
            "POP_TOP",
            "LOAD_GLOBAL a",
            "LOAD_CONST 2",
            "BINARY_OP *=",
            "STORE_GLOBAL a",
            "LOAD_GLOBAL print",
            "LOAD_GLOBAL b",
            "CALL_FUNCTION 1",
            "POP_TOP"));
  }

  /**
   * A call moves its arguments into the new frame, as CPython 3.11 does, so the caller's stack is
   * not a holder while the callee runs:
   *
   * <pre>
   * import sys
   * a = []
   * def count_param(x): return sys.getrefcount(x)            # 3
   * def count_alias(x): y = x; return sys.getrefcount(x)     # 4
   * print(count_param(a)); print(count_alias(a)); print(sys.getrefcount(a))   # then 2
   * </pre>
   */
  @Test
  void getrefcountOfAParameterCountsAsCPythonDoes() {
    Code param =
        PyAsm.function(
            "count_param",
            "x",
            3,
            "LOAD_GLOBAL sys\nLOAD_ATTR getrefcount\nLOAD_FAST x\nCALL_FUNCTION 1\nRETURN_VALUE");
    Code alias =
        PyAsm.function(
            "count_alias",
            "x",
            4,
            "LOAD_FAST x\nSTORE_FAST y\nLOAD_GLOBAL sys\nLOAD_ATTR getrefcount\nLOAD_FAST x\n"
                + "CALL_FUNCTION 1\nRETURN_VALUE");
    assertEquals(
        "3\n4\n2\n",
        output(
            PyAsm.module(
                """
                                                  IMPORT_NAME sys
                                                  STORE_GLOBAL sys
                                                  BUILD_LIST 0
                                                  STORE_GLOBAL a
                                                  LOAD_CONST &p
                                                  MAKE_FUNCTION
                                                  STORE_GLOBAL count_param
                                                  LOAD_CONST &q
                                                  MAKE_FUNCTION
                                                  STORE_GLOBAL count_alias
                                                  LOAD_GLOBAL print
                                                  LOAD_GLOBAL count_param
                                                  LOAD_GLOBAL a
                                                  CALL_FUNCTION 1
                                                  CALL_FUNCTION 1
                                                  POP_TOP
                                                  LOAD_GLOBAL print
                                                  LOAD_GLOBAL count_alias
                                                  LOAD_GLOBAL a
                                                  CALL_FUNCTION 1
                                                  CALL_FUNCTION 1
                                                  POP_TOP
                                                  LOAD_GLOBAL print
                                                  LOAD_GLOBAL sys
                                                  LOAD_ATTR getrefcount
                                                  LOAD_GLOBAL a
                                                  CALL_FUNCTION 1
                                                  CALL_FUNCTION 1
                                                  POP_TOP
                                                  LOAD_CONST None
                                                  RETURN_VALUE\
                                                  """,
                Map.of("p", param, "q", alias))));
  }

  /**
   * {@code import sys; sys.setswitchinterval(<seconds>); print(sys.getswitchinterval())}: CPython
   * keeps the interval in whole microseconds, so 0.05 reads back 0.0499....
   */
  @ParameterizedTest(name = "{0} reads back {1}")
  @CsvSource({"0.01, 0.01", "0.05, 0.049999999999999996", "0.0000015, 1e-06"})
  void switchIntervalIsKeptInMicroseconds(String seconds, String readBack) {
    assertEquals(
        readBack + "\n",
        runs(
            "IMPORT_NAME sys",
            "LOAD_ATTR setswitchinterval",
            "LOAD_CONST " + seconds,
            "CALL_FUNCTION 1",
            "POP_TOP",
            "LOAD_GLOBAL print",
            "IMPORT_NAME sys",
            "LOAD_ATTR getswitchinterval",
            "CALL_FUNCTION 0",
            "CALL_FUNCTION 1",
            "POP_TOP"));
  }
}
