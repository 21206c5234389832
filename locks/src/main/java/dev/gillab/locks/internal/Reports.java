package dev.gillab.locks.internal;

import com.google.common.collect.ImmutableList;
import dev.gillab.locks.DeadlockReport;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Builds the reports every detector prints, so that one cycle always reads the same. */
public final class Reports {
  private Reports() {}

  /** A real deadlock; {@code cycle} in wait order, each party waiting for the next one's lock. */
  public static DeadlockReport deadlock(List<Party> cycle) {
    Party first =
        cycle.stream()
            .min(Comparator.comparing((Party p) -> p.thread).thenComparingLong(p -> p.threadId))
            .orElseThrow();
    int start = cycle.indexOf(first);
    ImmutableList.Builder<Party> rotated = ImmutableList.builder();
    for (int i = 0; i < cycle.size(); i++) {
      rotated.add(cycle.get((start + i) % cycle.size()));
    }
    ImmutableList<Party> parties = rotated.build();
    String summary =
        "deadlock: "
            + parties.stream()
                .map(p -> p.thread + " holds " + p.holds + " and waits for " + p.waitsFor)
                .collect(Collectors.joining("; "));
    StringBuilder details = new StringBuilder();
    for (Party p : parties) {
      details.append("  ").append(p.stackTitle).append(":\n").append(p.stack);
    }
    return new DeadlockReport(
        DeadlockReport.Kind.DEADLOCK,
        summary,
        details.toString().stripTrailing(),
        parties.stream().map(p -> p.thread).collect(ImmutableList.toImmutableList()),
        parties.stream().map(p -> p.lockName).collect(ImmutableList.toImmutableList()));
  }

  /**
   * A party of the project's locks: {@code thread} holds {@code held} and waits for {@code wanted}.
   */
  public static Party party(Thread thread, LockCore held, LockCore wanted) {
    @Nullable Throwable at = held.acquiredAt(thread);
    return new Party(
        thread.getName(),
        thread.getId(),
        held.name,
        held.describe(),
        wanted.describe(),
        thread.getName() + " acquired " + held.describe() + " at",
        at == null
            ? "      (not recorded: stacks are captured only by a lock set with captureStacks)\n"
            : Stacks.format(at.getStackTrace()));
  }
}
