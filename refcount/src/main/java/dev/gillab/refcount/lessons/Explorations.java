package dev.gillab.refcount.lessons;

import dev.gillab.threads.explore.Explorer;
import dev.gillab.threads.explore.Program;
import java.util.function.Supplier;

/**
 * How the count lessons show a race: what every schedule of it comes to, then one schedule step by
 * step.
 */
final class Explorations {
  private Explorations() {}

  /**
   * Prints, under {@code everyTitle}, the summary of exploring every schedule of {@code race}; then
   * a blank line and, under {@code oneTitle}, the step table of replaying {@code schedule}. Each
   * takes a fresh program from {@code race}, so neither run sees the other's state.
   */
  static <S> void printEveryScheduleThenOne(
      Supplier<Program<S>> race, String everyTitle, String oneTitle, String schedule)
      throws InterruptedException {
    Explorer explorer = Explorer.defaults();
    System.out.println(everyTitle);
    System.out.println(explorer.exhaustive(race.get()).summary());
    System.out.println();
    System.out.println(oneTitle);
    System.out.print(explorer.replay(race.get(), schedule).table());
  }
}
