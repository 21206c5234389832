package dev.gillab.gil.python.internal;

import java.util.Set;

/** Python 3.11's hard keywords: names that are never identifiers. */
final class Keywords {
  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  private Keywords() {}

  static boolean isKeyword(String name) {
    return KEYWORDS.contains(name);
  }
}
