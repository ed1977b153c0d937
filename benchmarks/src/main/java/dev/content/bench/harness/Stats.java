package dev.content.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: median, min and max, as BENCHMARKS.md reports them. */
final class Stats {
  private final List<Double> values = new ArrayList<>();

  static Stats of(List<Double> values) {
    Stats s = new Stats();
    values.forEach(s::add);
    return s;
  }

  /** All measurements of both. */
  Stats concat(Stats other) {
    Stats s = new Stats();
    s.values.addAll(values);
    s.values.addAll(other.values);
    return s;
  }

  void add(double v) {
    values.add(v);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  int count() {
    return values.size();
  }

  double median() {
    List<Double> v = sorted();
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  double min() {
    return sorted().get(0);
  }

  double max() {
    return sorted().get(values.size() - 1);
  }

  private List<Double> sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no measurements");
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v;
  }

  /** {@code 123 (110–140, n=5)} with the given number format, or {@code —} when empty. */
  String format(String unit) {
    if (values.isEmpty()) {
      return "—";
    }
    if (values.size() == 1) {
      return num(median()) + unit + " (n=1)";
    }
    return num(median()) + unit + " (" + num(min()) + "–" + num(max()) + ", n=" + values.size() + ")";
  }

  /** A number with precision that suits its size. */
  static String num(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
