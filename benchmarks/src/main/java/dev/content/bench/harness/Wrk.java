package dev.content.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk against a URL and reads requests/s and the 99th-percentile latency. */
final class Wrk {
  static final int CONNECTIONS = 64;
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("\\n\\s*99%\\s+([0-9.]+)(us|ms|s)\\b");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  /** The line bench/server-timing.lua prints (see {@link #serverTimed}). */
  private static final Pattern SERVER_P99 = Pattern.compile("\\nserver-timing \\d+ answers p50 [0-9.]+ms p99 ([0-9.]+)ms");

  private Wrk() {}

  /**
   * One wrk run's figures.
   *
   * @param serverP99Millis the 99th percentile of the answers' Server-Timing (the time demo-web spent
   *     making them), NaN without a {@linkplain #serverTimed timed script} or without such answers
   */
  record Run(double requestsPerSecond, double p99Millis, long errors, double serverP99Millis) {}

  static Optional<Run> run(String url, int seconds) throws IOException, InterruptedException {
    return run(url, seconds, CONNECTIONS, null);
  }

  /**
   * wrk with {@code connections} connections on two threads; with a script (see {@link #rotating}) the
   * requests follow it instead of repeating {@code url}.
   */
  static Optional<Run> run(String url, int seconds, int connections, Path script)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
    if (script != null) {
      cmd.addAll(List.of("-s", script.toString()));
    }
    cmd.add(url);
    Proc.Result r = Proc.run(cmd, null, Duration.ofSeconds(seconds + 30L));
    if (!r.ok()) {
      return Optional.empty();
    }
    Matcher rps = RPS.matcher(r.out());
    Matcher p99 = P99.matcher(r.out());
    if (!rps.find() || !p99.find()) {
      return Optional.empty();
    }
    double v = Double.parseDouble(p99.group(1));
    double ms = switch (p99.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
    Matcher bad = NON_2XX.matcher(r.out());
    Matcher server = SERVER_P99.matcher(r.out());
    return Optional.of(new Run(Double.parseDouble(rps.group(1)), ms, bad.find() ? Long.parseLong(bad.group(1)) : 0,
        server.find() ? Double.parseDouble(server.group(1)) : Double.NaN));
  }

  /**
   * {@code script} with bench/server-timing.lua after it, written to {@code file}: wrk then also reports
   * the percentiles of the answers' Server-Timing ({@link Run#serverP99Millis}). Parsing every answer's
   * headers costs wrk some CPU, so only the run that needs it uses it.
   */
  static Path serverTimed(Path file, Path script, Path root) throws IOException {
    Files.writeString(file, Files.readString(script) + Files.readString(root.resolve("bench/server-timing.lua")));
    return file;
  }

  /**
   * A wrk script that requests the given paths in turn (each wrk thread from its own start), so that a
   * server is measured on many distinct requests rather than one it could have cached.
   */
  static Path rotating(Path file, List<String> paths) throws IOException {
    StringBuilder lua = new StringBuilder("local paths = {\n");
    for (String p : paths) {
      lua.append("  \"").append(p.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
    }
    lua.append("""
        }
        local i = math.random(#paths)
        request = function()
          i = i % #paths + 1
          return wrk.format("GET", paths[i])
        end
        """);
    Files.writeString(file, lua.toString());
    return file;
  }
}
