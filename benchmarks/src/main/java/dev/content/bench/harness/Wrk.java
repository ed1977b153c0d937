package dev.content.bench.harness;

import java.io.IOException;
import java.time.Duration;
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

  private Wrk() {}

  /** One wrk run's figures. */
  record Run(double requestsPerSecond, double p99Millis, long errors) {}

  static Optional<Run> run(String url, int seconds) throws IOException, InterruptedException {
    Proc.Result r = Proc.run(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency", url),
        null, Duration.ofSeconds(seconds + 30L));
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
    return Optional.of(new Run(Double.parseDouble(rps.group(1)), ms, bad.find() ? Long.parseLong(bad.group(1)) : 0));
  }
}
