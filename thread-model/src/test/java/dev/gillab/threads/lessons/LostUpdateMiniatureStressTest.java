package dev.gillab.threads.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gillab.threads.tally.StopReason;
import dev.gillab.threads.tally.TallyResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded stress of the tally, on the lost-update lesson's miniature: two actors each do {@code
 * x++} on a shared plain int. Whether the lost update (outcome 1) shows up depends on the machine,
 * so this asserts only what must always hold.
 */
@Timeout(60) // a bug in the barrier shows up as a failure, not a hung build
class LostUpdateMiniatureStressTest {

  private static final long ROUNDS = 20_000;

  @RepeatedTest(3)
  void everyOutcomeIsOneOrTwoAndEveryRoundIsCounted() {
    TallyResult<Integer> result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> Threads_02_LostUpdate.miniature(ROUNDS, Duration.ofSeconds(3)));

    assertTrue(Set.of(1, 2).containsAll(result.samples().keySet()), result::toString);
    assertFalse(result.sawForbidden(), result::toString);
    long total = result.samples(1) + result.samples(2);
    assertEquals(result.rounds(), total);
    assertTrue(result.rounds() >= 1 && result.rounds() <= ROUNDS);
    if (result.stoppedBy() == StopReason.ROUNDS) {
      assertEquals(ROUNDS, result.rounds());
    }
  }
}
