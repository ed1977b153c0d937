package dev.content.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs and watches the processes the harness measures. */
final class Proc {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Proc() {}

  /** The result of a finished command. */
  record Result(int exit, String out, String err, double seconds) {
    boolean ok() {
      return exit == 0;
    }
  }

  /** Runs a command to completion (or kills it after {@code timeout}); output is captured via files. */
  static Result run(List<String> cmd, Path workDir, Duration timeout) throws IOException, InterruptedException {
    Path out = Files.createTempFile("bench-out", ".txt");
    Path err = Files.createTempFile("bench-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      long t0 = System.nanoTime();
      Process p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      double s = (System.nanoTime() - t0) / 1e9;
      if (!done) {
        kill(p);
        return new Result(124, Files.readString(out), "timed out after " + timeout.toSeconds() + " s\n"
            + Files.readString(err), s);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), s);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Whether a command exists on the PATH. */
  static boolean exists(String command) {
    try {
      return run(List.of("sh", "-c", "command -v " + command), null, Duration.ofSeconds(10)).ok();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The output of a shell command, or a note why there is none. */
  static String shell(String command) {
    try {
      Result r = run(List.of("sh", "-c", command), null, Duration.ofSeconds(30));
      return r.ok() ? r.out().strip() : "(" + command + " failed: " + r.err().strip() + ")";
    } catch (IOException e) {
      return "(" + command + " failed: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  /** GET a URL: status and body, or empty when nothing answers. */
  static Optional<HttpResponse<String>> get(String url) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
      return Optional.of(HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Polls {@code url} every 10 ms until it answers 200 (and {@code accept} likes the body); the
   * seconds since {@code t0}, or empty when the process died or {@code timeout} passed.
   */
  static Optional<Double> waitFor(String url, long t0, Process process, Duration timeout,
      java.util.function.Predicate<String> accept) throws InterruptedException {
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HttpResponse<String>> r = get(url);
      if (r.isPresent() && r.get().statusCode() == 200 && accept.test(r.get().body())) {
        return Optional.of((System.nanoTime() - t0) / 1e9);
      }
      if (process != null && !process.isAlive()) {
        return Optional.empty();
      }
      Thread.sleep(10);
    }
    return Optional.empty();
  }

  /**
   * The pid of the JVM that serves: {@code java -jar demo-web.jar} runs its server in a child JVM (with
   * its class-data archive), else in the process itself.
   */
  static long server(Process launched) {
    return launched.children().findFirst().map(ProcessHandle::pid).orElse(launched.pid());
  }

  /** Peak resident set size of a live process in bytes (VmHWM), or -1. */
  static long peakRss(long pid) {
    return statusField(pid, "VmHWM:");
  }

  private static long statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * The heap a JVM uses after a full GC (its live data), via {@code jcmd}: what stays in memory with
   * everything loaded. -1 when jcmd cannot tell.
   */
  static long liveHeap(long pid) {
    try {
      run(List.of("jcmd", Long.toString(pid), "GC.run"), null, Duration.ofSeconds(60));
      Result r = run(List.of("jcmd", Long.toString(pid), "GC.heap_info"), null, Duration.ofSeconds(30));
      // " garbage-first heap   total 262144K, used 123456K [..."
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(r.out());
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Stops a process and its children: TERM, then KILL after five seconds. */
  static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
