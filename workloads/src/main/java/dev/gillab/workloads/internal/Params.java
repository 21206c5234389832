package dev.gillab.workloads.internal;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A task payload: {@code key=value} lines of UTF-8, readable on the wire and in a log, and
 * extensible without breaking older readers. Immutable.
 */
public final class Params {
  private final ImmutableMap<String, String> values;

  private Params(Map<String, String> values) {
    this.values = ImmutableMap.copyOf(values);
  }

  public static Params of(Map<String, ?> values) {
    return new Params(
        values.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
  }

  public static Params decode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    ImmutableMap.Builder<String, String> b = ImmutableMap.builder();
    for (String line : Splitter.on('\n').omitEmptyStrings().split(text)) {
      int eq = line.indexOf('=');
      checkArgument(eq > 0, "bad payload line '%s'", line);
      b.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return new Params(b.buildOrThrow());
  }

  public byte[] encode() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"))
        .getBytes(StandardCharsets.UTF_8);
  }

  public String get(String key) {
    String v = values.get(key);
    checkArgument(v != null, "payload has no '%s'", key);
    return v;
  }

  public long getLong(String key) {
    return Long.parseLong(get(key));
  }

  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(get(key));
  }
}
