package dev.gillab.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.gillab.testing.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class LineDrainerTest {
  private static List<String> lines(String text) throws IOException {
    List<String> lines = new ArrayList<>();
    LineDrainer.drain(new StringReader(text), lines::add);
    return lines;
  }

  @Test
  void splitsLinesLikeReadLine() throws IOException {
    assertEquals(List.of("a", "b", "", "c", "d"), lines("a\nb\r\n\rc\nd"));
    assertEquals(List.of(), lines(""));
    assertEquals(List.of(""), lines("\n"));
  }

  @Test
  void cutsALongLineAndMarksIt() throws IOException {
    String max = "x".repeat(LineDrainer.MAX_LINE_CHARS);
    assertEquals(
        List.of(max, max + LineDrainer.TRUNCATED_MARK, "next", "y"),
        lines(max + "\n" + max + "zzz\nnext\ny"));
  }

  /** Every line still reaches the sink, in order, after the sink threw on an earlier one. */
  @Test
  void aSinkThatThrowsLosesOnlyItsLine() throws Exception {
    Consumer<String> sink = mock();
    doThrow(new IllegalStateException("listener failed on purpose")).when(sink).accept("boom");
    byte[] text = "one\nboom\ntwo\nboom\nthree\n".getBytes(StandardCharsets.UTF_8);
    try (LogCapture log = LogCapture.of(LineDrainer.class)) {
      LineDrainer drainer = LineDrainer.start("test-drainer", new ByteArrayInputStream(text), sink);
      assertTrue(drainer.await(Duration.ofSeconds(30)));
      InOrder inOrder = inOrder(sink);
      for (String line : List.of("one", "boom", "two", "boom", "three")) {
        inOrder.verify(sink).accept(line);
      }
      verifyNoMoreInteractions(sink);
      assertEquals(
          List.of(
              "test-drainer: a line listener threw; draining goes on"
                  + " (further failures are not logged)"),
          log.messages(),
          "the first failure is logged, once");
    }
  }
}
