package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Everything one {@code gil-lab} run measured: the JVM and core count it ran on, the rows of
 * every experiment, and the convoy rows. This is the document {@code --json FILE} writes; its
 * schema is in the module README.
 */
public record SuiteResult(String java, int cores, List<ResultRow> results, List<ConvoyRow> convoy) {
  public SuiteResult {
    checkNotNull(java, "java");
    results = ImmutableList.copyOf(results);
    convoy = ImmutableList.copyOf(convoy);
  }

  /** The running JVM's vendor and version, and the cores it sees. */
  public static SuiteResult ofThisMachine(List<ResultRow> results, List<ConvoyRow> convoy) {
    String java = System.getProperty("java.vm.name") + " " + Runtime.version();
    return new SuiteResult(java, Runtime.getRuntime().availableProcessors(), results, convoy);
  }
}
