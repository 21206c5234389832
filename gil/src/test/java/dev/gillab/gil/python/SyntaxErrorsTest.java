package dev.gillab.gil.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad source of {@link BadSources} is refused with CPython 3.11's kind, message, line and
 * column; when {@code python3} is on the PATH, the recorded verdicts are checked against it too, so
 * the table cannot drift from the oracle.
 */
class SyntaxErrorsTest {

  static Stream<BadSources.Bad> bad() {
    return BadSources.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void refusedAsCPythonRefusesIt(BadSources.Bad bad) {
    assertEquals(bad.verdict(), BadSources.verdictOf(bad.source()));
  }

  @Test
  void recordedVerdictsAreCPython311s() throws Exception {
    List<String> live = python3Verdicts(BadSources.ALL);
    assumeTrue(live != null, "python3 is not on the PATH");
    assumeTrue(live.get(0).equals("3.11"), "python3 is " + live.get(0) + ", not 3.11");
    List<String> recorded = new ArrayList<>();
    BadSources.ALL.forEach(b -> recorded.add(b.verdict()));
    assertEquals(recorded, live.subList(1, live.size()));
  }

  /**
   * Python's version, then its verdicts on the sources, from one python3 run; null without python3.
   */
  private static List<String> python3Verdicts(List<BadSources.Bad> bads) throws Exception {
    String script =
        """
        import json, sys, warnings
        warnings.simplefilter('ignore')
        print('%d.%d' % sys.version_info[:2])
        for src in json.load(sys.stdin):
            try:
                compile(src, 't.py', 'exec'); print('OK')
            except SyntaxError as e:
                print(f'{type(e).__name__}|{e.msg}|{e.lineno}|{e.offset}')
        """;
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(false).start();
    } catch (IOException e) {
      return null;
    }
    StringBuilder json = new StringBuilder("[");
    for (BadSources.Bad b : bads) {
      json.append(json.length() > 1 ? "," : "").append(Json.quote(b.source()));
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    if (p.exitValue() != 0) {
      return null;
    }
    return List.of(out.split("\n"));
  }
}
