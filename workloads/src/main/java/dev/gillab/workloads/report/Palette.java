package dev.gillab.workloads.report;

/**
 * The Okabe-Ito colours (told apart with the common kinds of colour blindness) and the SVG patterns
 * that tell the same things apart without colour. Constants only.
 */
final class Palette {
  private Palette() {}

  static final String BLUE = "#0072B2";
  static final String ORANGE = "#E69F00";
  static final String GREEN = "#009E73";
  static final String VERMILLION = "#D55E00";
  static final String PURPLE = "#CC79A7";
  static final String SKY = "#56B4E9";
  static final String YELLOW = "#F0E442";
  static final String INK = "#222222";
  static final String GRID = "#D0D0D0";
  static final String GREY = "#B0B0B0";

  /** Series colours in order, for charts with several series. */
  static final String[] SERIES = {GREEN, VERMILLION, BLUE, ORANGE, PURPLE, SKY, YELLOW};

  /**
   * Writes the patterns into {@code h} (inside {@code <defs>}), their ids prefixed with {@code id}:
   * {@code id-hatch-COLOUR} (diagonal stripes) and {@code id-dots-COLOUR}.
   */
  static void patterns(Html h, String id, String... colours) {
    for (String c : colours) {
      String key = c.substring(1);
      h.open(
              "pattern",
              "id",
              id + "-hatch-" + key,
              "width",
              "6",
              "height",
              "6",
              "patternUnits",
              "userSpaceOnUse",
              "patternTransform",
              "rotate(45)")
          .empty("rect", "width", "6", "height", "6", "fill", c)
          .empty("rect", "width", "2", "height", "6", "fill", INK, "fill-opacity", "0.55")
          .close("pattern");
      h.open(
              "pattern",
              "id",
              id + "-dots-" + key,
              "width",
              "5",
              "height",
              "5",
              "patternUnits",
              "userSpaceOnUse")
          .empty("rect", "width", "5", "height", "5", "fill", c)
          .empty("circle", "cx", "2.5", "cy", "2.5", "r", "1.1", "fill", "#ffffff")
          .close("pattern");
    }
  }

  static String hatch(String id, String colour) {
    return "url(#" + id + "-hatch-" + colour.substring(1) + ")";
  }

  static String dots(String id, String colour) {
    return "url(#" + id + "-dots-" + colour.substring(1) + ")";
  }
}
