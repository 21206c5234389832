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
 */
public record ReportData(
    String title,
    String ran,
    SuiteResult result,
    List<Timeline> timelines,
    List<String> notTraced,
    String machine,
    String date) {

  public ReportData {
    checkNotNull(title, "title");
    checkNotNull(ran, "ran");
    checkNotNull(result, "result");
    checkNotNull(machine, "machine");
    checkNotNull(date, "date");
    timelines = ImmutableList.copyOf(timelines);
    notTraced = ImmutableList.copyOf(notTraced);
  }

  /** This machine's OS, architecture and cores, e.g. {@code Linux 6.1 amd64, 2 cores}. */
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

  /** Now, e.g. {@code 2025-01-31 14:02:11 +01:00}. */
  public static String now() {
    // The local time where the report is made, its offset shown beside it.
    return ZonedDateTime.now(ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT));
  }
}
