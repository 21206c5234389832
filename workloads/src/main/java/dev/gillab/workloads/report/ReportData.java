package dev.gillab.workloads.report;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.gillab.workloads.SuiteResult;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Everything one report page shows: what ran ({@code title} and {@code ran}, e.g. the command line
 * or an {@code exec} program's path — shown as text, never markup), the suite's figures, the traced
 * timelines, the policies not traced with the reason, and where and when it ran. Immutable.
 *
 * @param title the page's title, e.g. {@code gil-lab report}
 * @param ran what ran, e.g. the command line or an {@code exec} program's path; shown as text
 * @param result the suite's figures ({@link SuiteResult#noFigures()} for an {@code exec} run)
 * @param timelines the traced timelines: one per policy traced, or an {@code exec} run's one
 * @param notTraced a line per policy not traced, naming it and why
 * @param machine where it ran, e.g. {@link #thisMachine()}
 * @param date when it ran, e.g. {@link #now()}
 */
public record ReportData(
    String title,
    String ran,
    SuiteResult result,
    List<Timeline> timelines,
    List<String> notTraced,
    String machine,
    String date) {

  /**
   * Checks that nothing is null and copies the lists.
   *
   * @param title the page's title, e.g. {@code gil-lab report}
   * @param ran what ran, e.g. the command line or an {@code exec} program's path; shown as text
   * @param result the suite's figures ({@link SuiteResult#noFigures()} for an {@code exec} run)
   * @param timelines the traced timelines: one per policy traced, or an {@code exec} run's one
   * @param notTraced a line per policy not traced, naming it and why
   * @param machine where it ran, e.g. {@link #thisMachine()}
   * @param date when it ran, e.g. {@link #now()}
   * @throws NullPointerException if an argument or an element of a list is null
   */
  public ReportData {
    checkNotNull(title, "title");
    checkNotNull(ran, "ran");
    checkNotNull(result, "result");
    checkNotNull(machine, "machine");
    checkNotNull(date, "date");
    timelines = ImmutableList.copyOf(timelines);
    notTraced = ImmutableList.copyOf(notTraced);
  }

  /** {@return this machine's OS, architecture and cores, e.g. {@code Linux 6.1 amd64, 2 cores}} */
  public static String thisMachine() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores";
  }

  /** {@return now, in local time with its offset, e.g. {@code 2025-01-31 14:02:11 +01:00}} */
  public static String now() {
    // The local time where the report is made, its offset shown beside it.
    return ZonedDateTime.now(ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT));
  }
}
