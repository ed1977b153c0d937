package dev.content.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs JMH benchmarks of the benchmarks jar in a child JVM and reads its JSON results. */
final class Jmh {
  private Jmh() {}

  /**
   * One benchmark with one parameter set: every measured iteration, and the unit; for sampled
   * benchmarks ({@code Mode.SampleTime}) the percentiles of all samples instead (p50, p90, p99, max).
   */
  record Result(String benchmark, Map<String, String> params, Stats iterations, String unit,
      Map<String, Double> percentiles, long samples) {
    /** The figure for a report cell: percentiles of a sampled benchmark, else median (min–max) of iterations. */
    String format() {
      if (percentiles.isEmpty()) {
        return iterations.format("");
      }
      return "p50 " + Stats.num(percentiles.get("50.0")) + ", p90 " + Stats.num(percentiles.get("90.0"))
          + ", **p99 " + Stats.num(percentiles.get("99.0")) + "**, max " + Stats.num(percentiles.get("100.0"))
          + " (" + String.format(java.util.Locale.ROOT, "%,d", samples) + " calls sampled)";
    }

    String label() {
      String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      return params.isEmpty() ? name : name + " " + params;
    }
  }

  /** The benchmark names the jar holds. */
  static List<String> list(Path jar, List<String> jvm) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", jar.toString(), "-l"));
    Proc.Result r = Proc.run(cmd, null, Duration.ofMinutes(2));
    return r.out().lines().map(String::strip).filter(l -> l.startsWith("dev.content.")).toList();
  }

  static List<Result> run(Path jar, List<String> jvm, List<String> args, Path json, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(args);
    cmd.addAll(List.of("-rf", "json", "-rff", json.toString()));
    Proc.Result r = Proc.run(cmd, null, timeout);
    if (!r.ok() || !Files.isRegularFile(json)) {
      throw new IOException("JMH " + args + " failed (exit " + r.exit() + "): " + tail(r.err() + r.out()));
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      Map<String, String> params = new LinkedHashMap<>();
      b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      Stats s = new Stats();
      for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
        for (JsonNode v : fork) {
          s.add(v.asDouble());
        }
      }
      Map<String, Double> percentiles = new LinkedHashMap<>();
      long samples = 0;
      if (b.path("mode").asText().equals("sample")) {
        b.path("primaryMetric").path("scorePercentiles").fields()
            .forEachRemaining(e -> percentiles.put(e.getKey(), e.getValue().asDouble()));
        for (JsonNode fork : b.path("primaryMetric").path("rawDataHistogram")) {
          for (JsonNode iteration : fork) {
            for (JsonNode bin : iteration) {
              samples += bin.path(1).asLong();
            }
          }
        }
      }
      out.add(new Result(b.path("benchmark").asText(), params, s, b.path("primaryMetric").path("scoreUnit").asText(),
          percentiles, samples));
    }
    return out;
  }

  static String tail(String s) {
    String t = s.strip();
    return t.length() > 600 ? "…" + t.substring(t.length() - 600) : t;
  }
}
