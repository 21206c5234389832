package dev.gillab.gil.python;

import static dev.gillab.gil.python.Disassembly.function;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gillab.gil.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names are locals: bound in the function and not declared global; params too. */
class ScopesTest {

  private static List<String> locals(String source) {
    Code f = Disassembly.compile(source).nestedCodes().get(0);
    return f.localNames();
  }

  @Test
  void everyKindOfBindingMakesALocal() {
    assertEquals(
        List.of("p", "a", "b", "c", "d", "e", "f", "g", "h"),
        locals(
            """
            def f(p):
                a = 1
                b += 1
                for c in p:
                    pass
                with p as d:
                    pass
                import e
                from x import y as f
                g, [h] = p
            """));
  }

  @Test
  void delMakesALocal() {
    assertEquals(List.of("x"), locals("def f():\n    del x\n"));
  }

  @Test
  void globalDeclarationMakesStoresGlobal() {
    assertEquals(
        """
            LOAD_CONST 1
            STORE_GLOBAL x
            LOAD_GLOBAL x
            RETURN_VALUE
        """,
        function("def f():\n    global x\n    x = 1\n    return x\n", "f"));
  }

  @Test
  void namesOnlyReadAreGlobalsAndModuleNamesAreGlobals() {
    assertEquals(
        List.of("len", "y"),
        Disassembly.compile("def f():\n    return len(y)\n").nestedCodes().get(0).globalNames());
    Code m = Disassembly.compile("x = 1\nfor i in x:\n    del i\n");
    assertEquals(List.of(), m.localNames());
    assertEquals(List.of("x", "i"), m.globalNames());
  }

  @Test
  void globalAtModuleLevelIsAllowedAndIgnored() {
    assertEquals(
        """
            LOAD_CONST 1
            STORE_GLOBAL x
            LOAD_CONST None
            RETURN_VALUE
        """,
        Disassembly.compile("global x\nx = 1\n").disassemble());
  }
}
