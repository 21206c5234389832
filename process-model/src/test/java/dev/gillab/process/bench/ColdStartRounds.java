package dev.gillab.process.bench;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.math.Quantiles;
import dev.gillab.process.ProcessPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of a real worker, per set of JVM options, measured interleaved: each round starts one
 * worker with every option set in turn (the order rotates from round to round), so every set sees
 * the same machine load. A start is timed from building a 1-worker pool to the first reply of an
 * empty task (launch, JVM start, READY, one round trip). Prints the median and the ratio to no
 * options. Not a JMH benchmark: JMH runs one parameter after another, and on a shared machine the
 * load drifts more between them than the options differ.
 *
 * <p>Run (after {@code mvn -B -q install -DskipTests}):
 *
 * <pre>
 * mvn -B -q -pl process-model exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gillab.process.bench.ColdStartRounds -Dexec.args=40
 * </pre>
 */
public final class ColdStartRounds {
  /** Option sets by label; a label is its options, or "none". */
  static final ImmutableMap<String, ImmutableList<String>> OPTION_SETS = optionSets();

  private ColdStartRounds() {}

  private static ImmutableMap<String, ImmutableList<String>> optionSets() {
    List<ImmutableList<String>> sets =
        List.of(
            ImmutableList.of(),
            ImmutableList.of("-XX:-UsePerfData"),
            ImmutableList.of("-XX:TieredStopAtLevel=1"),
            ImmutableList.of("-Xms16m"),
            ImmutableList.of("-XX:+UseSerialGC"),
            ImmutableList.of("-Xshare:off"),
            ProcessPool.FAST_START_OPTIONS,
            ImmutableList.<String>builder()
                .addAll(ProcessPool.FAST_START_OPTIONS)
                .add("-XX:TieredStopAtLevel=1")
                .build());
    ImmutableMap.Builder<String, ImmutableList<String>> map = ImmutableMap.builder();
    for (ImmutableList<String> set : sets) {
      map.put(set.isEmpty() ? "none" : String.join(" ", set), set);
    }
    return map.build();
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int warmupRounds = 2;
    List<String> labels = new ArrayList<>(OPTION_SETS.keySet());
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    labels.forEach(label -> millis.put(label, new ArrayList<>()));
    for (int round = 0; round < warmupRounds + rounds; round++) {
      for (int k = 0; k < labels.size(); k++) {
        String label = labels.get((round + k) % labels.size());
        double ms = startToFirstReply(OPTION_SETS.get(label));
        if (round >= warmupRounds) {
          millis.get(label).add(ms);
        }
      }
    }
    double none = median(millis.get("none"));
    System.out.printf(
        Locale.ROOT,
        "cold start, launch to first reply, median of %d interleaved rounds (JDK %s, %d cores)%n",
        rounds,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    for (String label : labels) {
      double median = median(millis.get(label));
      System.out.printf(
          Locale.ROOT,
          "%-50s %7.1f ms  %4.2f%s%n",
          label,
          median,
          median / none,
          OPTION_SETS.get(label).equals(ProcessPool.FAST_START_OPTIONS) ? "  (the default)" : "");
    }
  }

  private static double startToFirstReply(List<String> options) throws Exception {
    long start = System.nanoTime();
    try (ProcessPool pool = ProcessPool.builder().workers(1).jvmOptions(options).build()) {
      pool.submit(ProcessPool.ECHO_TASK, new byte[0]).get(60, TimeUnit.SECONDS);
      double ms = (System.nanoTime() - start) / 1e6;
      pool.shutdownNow();
      return ms;
    }
  }

  private static double median(List<Double> values) {
    return Quantiles.median().compute(values);
  }
}
