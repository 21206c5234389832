package dev.gillab.gil.step;

import com.google.common.collect.ImmutableList;
import dev.gillab.gil.Code;
import dev.gillab.gil.Dis;

/** A program's bytecode as {@link CodeLine}s, code objects in {@code dis} order. */
final class Listing {
  private Listing() {}

  static ImmutableList<CodeLine> of(Code module) {
    ImmutableList.Builder<CodeLine> out = ImmutableList.builder();
    add(module, out);
    return out.build();
  }

  private static void add(Code code, ImmutableList.Builder<CodeLine> out) {
    for (int i = 0; i < code.instructions().size(); i++) {
      out.add(
          new CodeLine(
              code.name(), 2 * i, code.instructions().get(i).line(), Dis.instruction(code, i)));
    }
    for (Code nested : code.nestedCodes()) {
      add(nested, out);
    }
  }
}
