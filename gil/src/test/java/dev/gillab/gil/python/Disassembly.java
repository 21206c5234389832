package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gillab.gil.Code;

/** Compiles snippets and reads them back as assembler text. */
final class Disassembly {
  private Disassembly() {}

  static Code compile(String source) {
    return PythonCompiler.compile(source, "t.py");
  }

  /** The module's disassembly without the final {@code LOAD_CONST None; RETURN_VALUE}. */
  static String module(String source) {
    String text = compile(source).disassemble();
    String end = "    LOAD_CONST None\n    RETURN_VALUE\n";
    assertEquals(end, text.substring(text.length() - end.length()), "module epilogue");
    return text.substring(0, text.length() - end.length());
  }

  /** The disassembly of the function {@code name} defined in the module. */
  static String function(String source, String name) {
    for (Code c : compile(source).nestedCodes()) {
      if (c.name().equals(name)) {
        return c.disassemble();
      }
    }
    throw new AssertionError("no function " + name);
  }
}
