package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Constructs outside the subset are refused as NotImplementedError, naming the construct. */
class UnsupportedTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "class A:\\n    pass;class definitions;1;1",
        "try:\\n    x\\nexcept E:\\n    pass;try statements;1;1",
        "raise E;raise statements;1;1",
        "def f():\\n    yield 1;yield expressions;2;5",
        "async def f():\\n    pass;async statements;1;1",
        "f = lambda: 1;lambda expressions;1;5",
        "def f():\\n    nonlocal x;nonlocal declarations;2;5",
        "match x:\\n    case 1:\\n        pass;match statements;1;1",
        "@d\\ndef f():\\n    pass;decorators;1;1",
        "x = {};dict and set displays;1;5",
        "x = {1, 2};dict and set displays;1;5",
        "x = [a for a in b];list comprehensions;1;5",
        "x = (a for a in b);generator expressions;1;5",
        "x = f(a for a in b);generator expressions;1;7",
        "x = a[1:2];slices;1;8",
        "x = b'abc';bytes literals;1;5",
        "x = 1j;complex literals;1;5",
        "x = [*a];starred expressions;1;6",
        "a, *b = c;starred expressions;1;4",
        "x = a ** 2;the '**' operator;1;5",
        "x = a @ b;the '@' operator;1;5",
        "x = a | b;the '|' operator;1;5",
        "x = a & b;the '&' operator;1;5",
        "x = a ^ b;the '^' operator;1;5",
        "x = a << 1;the '<<' operator;1;5",
        "x = +a;the unary '+' operator;1;5",
        "x = ~a;the unary '~' operator;1;5",
        "if (n := 10) > 5:\\n    pass;assignment expressions (:=);1;7",
        "a.b = 1;attribute assignment;1;1",
        "a.b += 1;attribute assignment;1;1",
        "del a.b;attribute deletion;1;5",
        "def f():\\n    def g():\\n        pass;nested functions;2;5",
        "def f(a=1):\\n    pass;default parameter values;1;8",
        "def f(*args):\\n    pass;*args and keyword-only parameters;1;7",
        "def f(**kw):\\n    pass;**kwargs parameters;1;7",
        "def f(a, /):\\n    pass;positional-only parameters;1;10",
        "def f(a: int):\\n    pass;annotations;1;8",
        "def f() -> int:\\n    pass;annotations;1;9",
        "x = f'{a:>5}';format specs in f-strings;1;5",
        "x = f'{a!a}';the !a conversion;1;5",
        "f(*a);*args in calls;1;3",
        "f(**k);**kwargs in calls;1;3",
        "from x import *;from ... import *;1;15",
        "from . import x;relative imports;1;6",
        "import os.path;dotted module names;1;8",
        "x = ...;the Ellipsis literal (...);1;5",
        "x **= 2;the '**=' operator;1;1",
        "x |= 2;the '|=' operator;1;1",
        "x: int = 1;annotated assignments;1;1",
        "await x;await expressions;1;1",
        "for x in range(10):\\n    class A: pass;class definitions;2;5",
      })
  void refusedNamingTheConstruct(String source, String what, int line, int column) {
    PythonSyntaxError e = refuse(source.replace("\\n", "\n"));
    assertEquals("NotImplementedError", e.kind());
    assertEquals(what + " is not supported in gil-lab's Python subset", e.detail());
    assertEquals(line, e.line());
    assertEquals(column, e.column());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "x = 123456789012345678901234567890;1;5",
        "x = 9223372036854775808;1;5",
        "x = -9223372036854775809;1;6",
        "x = (1, 0x1_0000_0000_0000_0000);1;9",
      })
  void intLiteralsPast64BitsAreRefused(String source, int line, int column) {
    PythonSyntaxError e = refuse(source);
    assertEquals("NotImplementedError", e.kind());
    assertEquals("int literal too large for 64 bits", e.detail());
    assertEquals(line, e.line());
    assertEquals(column, e.column());
  }

  private static PythonSyntaxError refuse(String source) {
    return assertThrows(PythonSyntaxError.class, () -> PythonCompiler.compile(source, "t.py"));
  }
}
