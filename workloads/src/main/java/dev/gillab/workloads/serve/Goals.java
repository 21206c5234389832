package dev.gillab.workloads.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gillab.gil.step.Goal;
import org.jspecify.annotations.Nullable;

/**
 * The goal a learner picks for their own program, from JSON: {@code {"kind": "assertionFails"}},
 * {@code {"kind": "deadlock"}}, {@code {"kind": "raises", "name": "IndexError"}} or {@code {"kind":
 * "globalEquals", "name": "counter", "repr": "1"}}; absent, null or {@code "none"} for no goal at
 * all.
 */
final class Goals {
  private Goals() {}

  /**
   * The goal {@code n} describes, or null for none.
   *
   * @throws HttpError 400 if it describes no goal
   */
  static @Nullable Goal parse(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String kind = field(n, "kind");
    return switch (kind) {
      case "none" -> null;
      case "assertionFails" -> Goal.assertionFails();
      case "deadlock" -> Goal.deadlock();
      case "raises" -> Goal.raises(name(n));
      case "globalEquals" -> Goal.globalEquals(name(n), field(n, "repr"));
      default ->
          throw HttpError.badRequest(
              "goal kind must be none, assertionFails, deadlock, raises or globalEquals");
    };
  }

  private static String name(JsonNode n) {
    String name = field(n, "name");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
      throw HttpError.badRequest("the goal's name must be a Python identifier");
    }
    return name;
  }

  private static String field(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw HttpError.badRequest("the goal needs \"" + field + "\" as a string");
    }
    if (v.textValue().length() > 1000) {
      throw HttpError.badRequest("the goal's \"" + field + "\" is longer than 1000 characters");
    }
    return v.textValue();
  }
}
