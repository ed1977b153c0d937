package dev.content.bench.harness;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * How the harness spends its 20 minutes: what a step still to come should take (extrapolated from the
 * sizes measured so far in this run, or a planning estimate where nothing is measured yet), how long a
 * Hugo build must run to decide demo-web's verdicts, and how many repetitions of a step fit. These are
 * plans only: no figure of the report is ever taken from here.
 */
final class Plan {
  /** Seconds of a wrk round beyond its measured seconds (process start, latency report). */
  static final double WRK_OVERHEAD = 1;
  /** Seconds to start and stop a server process beyond its own start-up (spawn, kill, port checks). */
  static final double PROCESS_OVERHEAD = 4;
  /** Seconds of {@code jcmd GC.run} and {@code GC.heap_info} on a loaded server. */
  static final double HEAP_SECONDS = 8;
  /** Planning estimates of JMH's groups at the harness's short settings (see {@link Harness}). */
  static final double JMH_LOAD_SECONDS = 25;
  static final double JMH_PARSE_SECONDS = 12;
  static final double JMH_SEARCH_SECONDS = 75;
  /**
   * A fresh JVM's load of {@code size} articles when no load is measured yet, JVM start included: about
   * 2.7 s at 1,000, 5.5 s at 10,000 and 21 s at 100,000 on this machine.
   */
  static double unmeasuredLoadSeconds(int size) {
    return 2 + 0.6 * Math.pow(size / 1000.0, 0.75);
  }

  /** A restart's planning estimate when no restart of any size is measured yet. */
  static final double UNMEASURED_RESTART_SECONDS = 15;

  private Plan() {}

  /**
   * What a step at {@code size} should take, extrapolated from the smaller sizes that measured it: along
   * the growth between the two largest of them (its exponent kept between 0.5 and 2), or linearly from a
   * single one; 0 when none did. Demo-web's first start grew with exponent 0.65 from 1,000 to 10,000
   * and again from 10,000 to 100,000 (54 s, 243 s): a floor above that made the old plan skip 100,000.
   */
  static <T> double projectedSeconds(Map<Integer, T> bySize, int size, ToDoubleFunction<T> seconds) {
    TreeMap<Integer, Double> measured = new TreeMap<>();
    for (Map.Entry<Integer, T> e : bySize.entrySet()) {
      double v = seconds.applyAsDouble(e.getValue());
      if (e.getKey() < size && v > 0) {
        measured.put(e.getKey(), v);
      }
    }
    if (measured.isEmpty()) {
      return 0;
    }
    Map.Entry<Integer, Double> last = measured.lastEntry();
    Map.Entry<Integer, Double> before = measured.lowerEntry(last.getKey());
    double exponent = 1;
    if (before != null) {
      exponent = Math.log(last.getValue() / before.getValue()) / Math.log((double) last.getKey() / before.getKey());
      exponent = Math.max(0.5, Math.min(2, exponent));
    }
    return last.getValue() * Math.pow((double) size / last.getKey(), exponent);
  }

  /**
   * How long Hugo must run to decide both start-up verdicts against demo-web's measured first page and
   * ready time (first page under a third of Hugo's build, ready no later than it): a build stopped
   * after this long bounds Hugo from below by more than either; 0 when demo-web measured neither.
   */
  static double hugoDecidingSeconds(double readySeconds, double firstPageSeconds) {
    double need = Math.max(readySeconds, 3 * firstPageSeconds);
    return need <= 0 ? 0 : need * 1.03 + 3;
  }

  /**
   * The time limit of a Hugo build: the whole of {@code available} when the build is projected to end
   * within it (or nothing is known), else only what decides the verdicts, since a longer run would
   * only raise a lower bound; never less than that.
   */
  static double hugoLimitSeconds(double deciding, double projectedBuild, double available) {
    if (deciding <= 0 || projectedBuild <= 0 || projectedBuild * 1.2 <= available) {
      return Math.max(deciding, available);
    }
    return deciding;
  }

  /**
   * Whether a Hugo build given {@code limitSeconds} is worth starting: it can decide the verdicts, or
   * runs at least {@link #HUGO_MINIMUM} seconds (with nothing to decide: no demo-web). A small corpus's build (a few seconds, with verdicts
   * decided after about ten) is started even though its limit is under that minimum.
   */
  static boolean hugoWorthRunning(double limitSeconds, double deciding) {
    return limitSeconds >= (deciding > 0 ? Math.min(HUGO_MINIMUM, deciding) : HUGO_MINIMUM);
  }

  /** The least time limit of a Hugo build that cannot decide the verdicts: less would show nothing. */
  static final double HUGO_MINIMUM = 20;

  /**
   * The time demo-web's first start may take before it is stopped: what is left after {@code reserve},
   * shared with the Hugo build that must then run as long to decide the verdict; at least a minute.
   */
  static double firstStartLimitSeconds(double left, double reserve) {
    return Math.max(60, (left - reserve) / 2.05);
  }

  /** Seconds of one serving round: wrk on the article page, the search page at 64 and at 2 connections. */
  static double servingRoundSeconds(int wrkSeconds) {
    return 3 * (wrkSeconds + WRK_OVERHEAD);
  }

  /** Seconds of one nginx round on the saved page. */
  static double nginxRoundSeconds(int wrkSeconds) {
    return wrkSeconds + WRK_OVERHEAD;
  }

  /**
   * Seconds of the serving part of a size: {@code restarts} restarts of {@code restartSeconds} each, the
   * warm-up, {@code rounds} rounds on demo-web and as many on nginx, the live heap.
   */
  static double servingSeconds(int restarts, double restartSeconds, int warmupSeconds, int rounds, int wrkSeconds) {
    return restarts * (restartSeconds + PROCESS_OVERHEAD) + warmupSeconds
        + rounds * (servingRoundSeconds(wrkSeconds) + nginxRoundSeconds(wrkSeconds)) + HEAP_SECONDS + 2 * PROCESS_OVERHEAD;
  }

  /**
   * The most repetitions (between {@code min} and {@code max}) of a step of {@code each} seconds that fit
   * in {@code available} seconds; {@code min} even when they do not (the caller decides whether to skip).
   */
  static int fitting(double available, double each, int min, int max) {
    int n = min;
    while (n < max && (n + 1) * each <= available) {
      n++;
    }
    return n;
  }
}
