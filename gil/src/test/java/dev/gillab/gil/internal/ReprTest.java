package dev.gillab.gil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's repr of floats and strs; every expectation is what CPython 3.11 printed. */
class ReprTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0.1 | 0.1",
        "1.5 | 1.5",
        "1e16 | 1e+16",
        "1e15 | 1000000000000000.0",
        "0.0001 | 0.0001",
        "0.00001 | 1e-05",
        "123456789.123 | 123456789.123",
        "0.3333333333333333 | 0.3333333333333333",
        "-2.5 | -2.5",
        "1e-300 | 1e-300",
        "1.7976931348623157e308 | 1.7976931348623157e+308",
        "4.9e-324 | 5e-324",
        "100.0 | 100.0",
        "1e22 | 1e+22",
        "12345678901234567.0 | 1.2345678901234568e+16",
        "-0.0 | -0.0",
        "Infinity | inf",
        "-Infinity | -inf",
        "NaN | nan",
      })
  void floatsPrintAsCPythonPrintsThem(String javaLiteral, String python) {
    assertEquals(python, Repr.floatRepr(Double.parseDouble(javaLiteral)));
  }

  @Test
  void strsQuoteAndEscapeAsCPythonDoes() {
    String[][] cases = {
      {"a", "'a'"},
      {"it's", "\"it's\""},
      {"say \"hi\"", "'say \"hi\"'"},
      {"both ' and \"", "'both \\' and \"'"},
      {"tab\tnl\n", "'tab\\tnl\\n'"},
      {"\u0000\u007f\u0085", "'\\x00\\x7f\\x85'"},
      {"h\u00e9llo", "'h\u00e9llo'"},
      {"\u200b", "'\\u200b'"},
      {"\ud83d\ude00", "'\ud83d\ude00'"},
      {"\u2028", "'\\u2028'"},
      {"back\\slash", "'back\\\\slash'"},
      {"\u00a0", "'\\xa0'"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], Repr.str(c[0]), c[1]);
    }
  }
}
