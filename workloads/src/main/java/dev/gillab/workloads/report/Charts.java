package dev.gillab.workloads.report;

import static dev.gillab.workloads.report.Html.num;

import com.google.common.collect.ObjectArrays;
import dev.gillab.gil.GilEvent.Kind;
import dev.gillab.workloads.ConvoyRow;
import dev.gillab.workloads.ResultRow;
import dev.gillab.workloads.report.Timeline.Lane;
import dev.gillab.workloads.report.Timeline.Mark;
import dev.gillab.workloads.report.Timeline.Segment;
import dev.gillab.workloads.report.Timeline.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as inline SVG: every chart one {@code <svg>} with a {@code viewBox} (it
 * scales with the page), a title, labelled axes and the figures written on it. Stateless.
 */
final class Charts {
  private Charts() {}

  static final double WIDTH = 960;
  private static final double LABEL_X = 8;
  private static final double PLOT_LEFT = 190;
  private static final double PLOT_RIGHT = 800;
  private static final double ROW = 30;
  private static final double BAR = 18;

  /** Horizontal bars of speed-up per mode, with reference lines at 1x and the ideal Wx. */
  static void speedup(Html h, String id, String experiment, List<ResultRow> rows) {
    int w = rows.stream().mapToInt(ResultRow::workers).max().orElse(1);
    double most = rows.stream().mapToDouble(ResultRow::speedup).max().orElse(1);
    double max = niceCeiling(Math.max(Math.max(w, most), 1) * 1.05);
    double top = 34;
    double height = top + rows.size() * ROW + 56;
    svg(h, id, height, experiment + ": speed-up over sequential per mode, ideal " + w + "x");
    double bottom = top + rows.size() * ROW;
    xAxis(
        h,
        top,
        bottom,
        linearTicks(max),
        v -> x(v, max),
        v -> fmt(v) + "×",
        "speed-up over sequential (×) — longer is better; ideal is "
            + w
            + "× with "
            + w
            + " workers");
    for (int i = 0; i < rows.size(); i++) {
      ResultRow r = rows.get(i);
      double y = top + i * ROW + (ROW - BAR) / 2;
      h.element("text", r.mode(), "x", num(LABEL_X), "y", num(y + BAR - 4), "class", "lbl");
      double end = x(Math.max(r.speedup(), 0), max);
      titledBar(
          h,
          y,
          end,
          r.mode() + ": " + fmt(r.speedup()) + "× in " + secs(r.medianSeconds()),
          "fill",
          Palette.BLUE);
      h.element(
          "text",
          fmt(r.speedup()) + "×  (" + secs(r.medianSeconds()) + ")",
          "x",
          num(end + 6),
          "y",
          num(y + BAR - 4),
          "class",
          "val");
    }
    reference(h, x(1, max), top, bottom, w == 1 ? "1× = ideal" : "1×", "6 4", "end");
    if (w > 1) {
      reference(h, x(w, max), top, bottom, "ideal " + w + "×", "2 3", "start");
    }
    h.close("svg");
  }

  /** Round trips alone and beside 1..k CPU threads, per policy, on a log scale. */
  static void convoy(Html h, String id, List<ConvoyRow> rows) {
    Map<String, List<ConvoyRow>> byPolicy = new LinkedHashMap<>();
    for (ConvoyRow r : rows) {
      byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r);
    }
    double lo = Double.MAX_VALUE;
    double hi = 0;
    int lines = 0;
    for (List<ConvoyRow> g : byPolicy.values()) {
      lines += 3 + g.size(); // the policy's heading, "alone", a bar per CPU count, a gap
      for (ConvoyRow r : g) {
        lo = Math.min(lo, Math.min(r.roundTripMicrosAlone(), r.roundTripMicrosBesideCpu()));
        hi = Math.max(hi, Math.max(r.roundTripMicrosAlone(), r.roundTripMicrosBesideCpu()));
      }
    }
    double decLo = Math.floor(Math.log10(Math.max(lo, 0.1)));
    double decHi = Math.max(decLo + 1, Math.ceil(Math.log10(Math.max(hi, 0.1)) + 0.05));
    double top = 20;
    double height = top + lines * ROW + 56;
    svg(
        h,
        id,
        height,
        "convoy: echo round-trip time alone and beside CPU-bound threads, per"
            + " policy, log scale");
    Palette.patterns(h, id, Palette.VERMILLION);
    double bottom = top + lines * ROW;
    List<Double> ticks = new ArrayList<>();
    for (double d = decLo; d <= decHi + 1e-9; d++) {
      ticks.add(d);
    }
    final double a = decLo;
    final double b = decHi;
    xAxis(
        h,
        top,
        bottom,
        ticks,
        d -> logX(Math.pow(10, d), a, b),
        d -> String.format(Locale.ROOT, "%,.0f µs", Math.pow(10, d)),
        "round-trip time (µs, log scale) — shorter is better");
    int line = 0;
    for (Map.Entry<String, List<ConvoyRow>> g : byPolicy.entrySet()) {
      double y = top + line * ROW;
      h.element(
          "text", "policy " + g.getKey(), "x", num(LABEL_X), "y", num(y + ROW - 8), "class", "grp");
      line++;
      ConvoyRow first = g.getValue().get(0);
      convoyBar(
          h,
          top + line++ * ROW,
          "alone",
          first.roundTripMicrosAlone(),
          a,
          b,
          Palette.GREEN,
          fmtMicros(first.roundTripMicrosAlone()));
      for (ConvoyRow r : g.getValue()) {
        convoyBar(
            h,
            top + line++ * ROW,
            "beside " + r.cpuThreads() + " CPU thread" + (r.cpuThreads() == 1 ? "" : "s"),
            r.roundTripMicrosBesideCpu(),
            a,
            b,
            Palette.hatch(id, Palette.VERMILLION),
            fmtMicros(r.roundTripMicrosBesideCpu())
                + (r.belowBaseline()
                    ? "  (no slowdown: below alone, noise)"
                    : "  (" + fmt(r.slowdown()) + "× alone)"));
      }
      line++;
    }
    h.close("svg");
  }

  private static void convoyBar(
      Html h,
      double rowTop,
      String label,
      double micros,
      double a,
      double b,
      String fill,
      String value) {
    double y = rowTop + (ROW - BAR) / 2;
    h.element("text", label, "x", num(LABEL_X + 12), "y", num(y + BAR - 4), "class", "lbl");
    double end = Math.max(logX(Math.max(micros, Math.pow(10, a)), a, b), PLOT_LEFT + 1);
    titledBar(
        h,
        y,
        end,
        label + ": " + value,
        "fill",
        fill,
        "stroke",
        Palette.INK,
        "stroke-width",
        "0.5");
    h.element("text", value, "x", num(end + 6), "y", num(y + BAR - 4), "class", "val");
  }

  private static final double TL_LEFT = 110;
  private static final double TL_RIGHT = 940;
  private static final double LANE = 24;
  private static final double LANE_GAP = 14;

  /**
   * A lane per thread: running bytecode (solid blue), waiting for the GIL (orange, hatched), in IO
   * (green, dotted); drop requests (purple triangles under the lane of the thread asking) and
   * forced switches (black bars where the holder let go on request or at a tick).
   */
  static void timeline(Html h, String id, Timeline t) {
    long start = t.startNanos();
    double spanMs = Math.max((t.endNanos() - start) / 1e6, 1e-3);
    double maxMs = niceCeiling(spanMs);
    double top = 16;
    int n = t.lanes().size();
    double bottom = top + n * (LANE + LANE_GAP);
    double height = bottom + 52 + 34 + 22;
    svg(h, id, height, "GIL timeline under " + t.policy() + ": a lane per thread");
    Palette.patterns(h, id, Palette.ORANGE, Palette.GREEN, Palette.GREY);
    List<Double> ticks = linearTicks(maxMs);
    for (double v : ticks) {
      double x = tx(v, maxMs);
      tick(h, x, top - 4, bottom, fmt(v));
    }
    h.element(
        "text",
        "time since the first event (ms)",
        "x",
        num((TL_LEFT + TL_RIGHT) / 2),
        "y",
        num(bottom + 36),
        "class",
        "axis");
    for (int i = 0; i < n; i++) {
      Lane lane = t.lanes().get(i);
      double y = top + i * (LANE + LANE_GAP);
      h.element(
          "text", lane.threadName(), "x", num(LABEL_X), "y", num(y + LANE - 7), "class", "lbl");
      rect(h, TL_LEFT, y, TL_RIGHT - TL_LEFT, LANE, "#f4f4f4");
      for (Bar r : coalesce(lane.segments(), start, maxMs)) {
        State s = r.state();
        // Outside is a thin bar: the thread is there, doing nothing with the GIL.
        boolean thin = s == State.OUTSIDE;
        rect(
            h,
            r.x0(),
            thin ? y + LANE * 0.4 : y,
            Math.max(r.x1() - r.x0(), 0.6),
            thin ? LANE * 0.2 : LANE,
            fill(id, s));
      }
      marks(h, lane.marks(), start, maxMs, y);
    }
    legend(h, id, bottom + 52);
    h.close("svg");
  }

  /** A vertical grid line at {@code x} from {@code top} to {@code bottom}, labelled below it. */
  private static void tick(Html h, double x, double top, double bottom, String label) {
    line(h, x, top, x, bottom, Palette.GRID);
    h.element("text", label, "x", num(x), "y", num(bottom + 16), "class", "tick");
  }

  /**
   * A line from ({@code x1}, {@code y1}) to ({@code x2}, {@code y2}), then any {@code more}
   * attributes.
   */
  private static void line(
      Html h, double x1, double y1, double x2, double y2, String stroke, String... more) {
    h.empty(
        "line",
        ObjectArrays.concat(
            new String[] {
              "x1", num(x1), "x2", num(x2), "y1", num(y1), "y2", num(y2), "stroke", stroke
            },
            more,
            String.class));
  }

  /**
   * A bar from the plot's left edge to {@code end}, with {@code title} as its tooltip; {@code
   * paint}: its fill and stroke attributes, as name-value pairs.
   */
  private static void titledBar(Html h, double y, double end, String title, String... paint) {
    String[] place = {
      "x", num(PLOT_LEFT), "y", num(y), "width", num(end - PLOT_LEFT), "height", num(BAR)
    };
    h.open("rect", ObjectArrays.concat(place, paint, String.class))
        .element("title", title)
        .close("rect");
  }

  /**
   * An empty SVG rectangle: {@code <rect x y width height fill/>}, coordinates as {@link Html#num}.
   */
  private static void rect(Html h, double x, double y, double width, double height, String fill) {
    h.empty(
        "rect", "x", num(x), "y", num(y), "width", num(width), "height", num(height), "fill", fill);
  }

  private static String fill(String id, State s) {
    return switch (s) {
      case RUNNING -> Palette.BLUE;
      case WAITING -> Palette.hatch(id, Palette.ORANGE);
      case IO -> Palette.dots(id, Palette.GREEN);
      case OUTSIDE -> Palette.INK;
      case UNKNOWN -> Palette.hatch(id, Palette.GREY);
    };
  }

  /** A bar of one state from pixel x0 to pixel x1. */
  private record Bar(double x0, double x1, State state) {}

  /**
   * Segments as pixel ranges of a state, neighbours of one state closer than 0.5 px merged. An
   * outside stretch narrower than 0.5 px is left out first (it would not show), so the holds on
   * either side of a tick's release-and-retake merge into one bar rather than thousands.
   */
  private static List<Bar> coalesce(List<Segment> segments, long start, double maxMs) {
    List<Bar> out = new ArrayList<>();
    for (Segment s : segments) {
      double x0 = tx((s.startNanos() - start) / 1e6, maxMs);
      double x1 = tx((s.endNanos() - start) / 1e6, maxMs);
      if (s.state() == State.OUTSIDE && x1 - x0 < 0.5) {
        continue;
      }
      Bar last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.state() == s.state() && x0 - last.x1() < 0.5) {
        out.set(out.size() - 1, new Bar(last.x0(), Math.max(last.x1(), x1), last.state()));
      } else {
        out.add(new Bar(x0, x1, s.state()));
      }
    }
    return out;
  }

  private static void marks(Html h, List<Mark> marks, long start, double maxMs, double y) {
    long lastDrop = Long.MIN_VALUE;
    long lastForced = Long.MIN_VALUE;
    for (Mark m : marks) {
      double x = tx((m.nanos() - start) / 1e6, maxMs);
      long px = Math.round(x);
      if (m.kind() == Kind.DROP_REQUEST) {
        if (px != lastDrop) {
          lastDrop = px;
          dropRequest(h, "M" + num(x) + " " + num(y + LANE + 1) + "l-4 7h8z");
        }
      } else if (px != lastForced) {
        lastForced = px;
        rect(h, x - 1, y - 4, 2, LANE + 4, Palette.INK);
      }
    }
  }

  /** A drop request's mark: the triangle drawn by the SVG path {@code d}. */
  private static void dropRequest(Html h, String d) {
    h.empty("path", "d", d, "fill", Palette.PURPLE, "stroke", Palette.INK, "stroke-width", "0.6");
  }

  private static void legend(Html h, String id, double y) {
    String[][] items = {
      {"run", "running bytecode (holds the GIL)"},
      {"wait", "waiting for the GIL"},
      {"io", "in IO (GIL released)"},
      {"drop", "drop request"},
      {"forced", "forced switch"},
      {"outside", "let go, not waiting (thin)"},
      {"unknown", "before the thread's first kept event"},
    };
    double[] widths = {250, 160, 170, 115, 120, 250, 300};
    double x = TL_LEFT;
    for (int i = 0; i < items.length; i++) {
      if (i == 5) { // a second row
        x = TL_LEFT;
        y += 22;
      }
      switch (items[i][0]) {
        case "run" -> rect(h, x, y, 18, 12, Palette.BLUE);
        case "wait" -> rect(h, x, y, 18, 12, Palette.hatch(id, Palette.ORANGE));
        case "io" -> rect(h, x, y, 18, 12, Palette.dots(id, Palette.GREEN));
        case "drop" -> dropRequest(h, "M" + num(x + 9) + " " + num(y + 1) + "l-5 9h10z");
        case "outside" -> rect(h, x, y + 5, 18, 3, Palette.INK);
        case "unknown" -> rect(h, x, y, 18, 12, Palette.hatch(id, Palette.GREY));
        default -> rect(h, x + 8, y - 2, 2, 16, Palette.INK);
      }
      h.element("text", items[i][1], "x", num(x + 24), "y", num(y + 10), "class", "leg");
      x += widths[i];
    }
  }

  // ---- shared pieces ----

  private static void svg(Html h, String id, double height, String label) {
    h.open(
        "svg",
        "id",
        id,
        "viewBox",
        "0 0 " + num(WIDTH) + " " + num(height),
        "role",
        "img",
        "aria-label",
        label,
        "class",
        "chart");
    h.element("title", label);
  }

  private interface Scale {
    double at(double v);
  }

  private interface Label {
    String of(double v);
  }

  private static void xAxis(
      Html h,
      double top,
      double bottom,
      List<Double> ticks,
      Scale scale,
      Label label,
      String title) {
    for (double v : ticks) {
      double x = scale.at(v);
      tick(h, x, top, bottom, label.of(v));
    }
    line(h, PLOT_LEFT, bottom, PLOT_RIGHT, bottom, Palette.INK);
    h.element(
        "text",
        title,
        "x",
        num((PLOT_LEFT + PLOT_RIGHT) / 2),
        "y",
        num(bottom + 38),
        "class",
        "axis");
  }

  private static void reference(
      Html h, double x, double top, double bottom, String text, String dash, String anchor) {
    line(h, x, top - 6, x, bottom, Palette.INK, "stroke-width", "1.5", "stroke-dasharray", dash);
    h.element(
        "text",
        text,
        "x",
        num(anchor.equals("end") ? x - 4 : x + 4),
        "y",
        num(top - 10),
        "class",
        "ref",
        "text-anchor",
        anchor);
  }

  private static double x(double v, double max) {
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * v / max;
  }

  private static double logX(double v, double decLo, double decHi) {
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (Math.log10(v) - decLo) / (decHi - decLo);
  }

  private static double tx(double ms, double maxMs) {
    return TL_LEFT + (TL_RIGHT - TL_LEFT) * ms / maxMs;
  }

  /**
   * A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least {@code v}.
   */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * p >= v - 1e-12) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}: a tick step. */
  private static double stepFor(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v - 1e-12) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** Ticks from 0 to {@code max}, 4 to 10 of them, at round steps. */
  static List<Double> linearTicks(double max) {
    double step = stepFor(max / 8);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i * step <= max + step * 1e-9; i++) {
      out.add(i * step);
    }
    return out;
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.3f s", s);
  }

  private static String fmtMicros(double us) {
    return String.format(Locale.ROOT, us < 100 ? "%.1f µs" : "%,.0f µs", us);
  }
}
