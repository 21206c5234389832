package dev.gillab.gil;

/** Constants as the assembler writes and reads them. */
final class Literals {
  private Literals() {}

  static String format(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof String string) {
      return quote(string);
    }
    if (value instanceof Code code) {
      return "<code " + code.name() + ">";
    }
    if (value instanceof java.util.List) {
      java.util.List<?> items = (java.util.List<?>) value;
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        out.append(i > 0 ? ", " : "").append(format(items.get(i)));
      }
      return out.append(items.size() == 1 ? ",)" : ")").toString();
    }
    return value.toString();
  }

  /** Whether {@code text} is {@code None}, {@code True} or {@code False}; see {@link #keyword}. */
  static boolean isKeyword(String text) {
    return text.equals("None") || text.equals("True") || text.equals("False");
  }

  /** The value of a {@linkplain #isKeyword keyword}: null (None), or a Boolean. */
  static Object keyword(String text) {
    return text.equals("None") ? null : Boolean.valueOf(text.equals("True"));
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
