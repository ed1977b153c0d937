package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar demo-web.jar} as users run it, on the packaged jar: the launcher's JVM starts the
 * server's with a class-data archive, makes the archive when the first server stops, maps it in the
 * next, and never leaves a server behind. Run by failsafe after the jar is built.
 */
class LauncherIT {
  private static final Path JAR = Path.of("target", "demo-web.jar").toAbsolutePath();
  private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> started = new ArrayList<>();
  /** Servers seen, killed after each test even when their launcher is gone. */
  private final List<ProcessHandle> servers = new ArrayList<>();

  @TempDir
  Path tmp;
  Path seeds;
  Path cds;

  @BeforeEach
  void copySeeds() throws IOException {
    seeds = tmp.resolve("seeds");
    Files.createDirectories(seeds);
    Path bundled = Path.of(System.getProperty("content.project.root", ".."), "seeds");
    try (Stream<Path> files = Files.list(bundled)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, seeds.resolve(f.getFileName()));
      }
    }
    cds = tmp.resolve("cds");
  }

  @AfterEach
  void stopAll() {
    servers.forEach(ProcessHandle::destroyForcibly);
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void theFirstServerWritesItsArchiveWhenStoppedAndTheNextMapsIt() throws Exception {
    Process first = start("first.log");
    ProcessHandle server = server(first);
    assertThat(arguments(server)).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + cds));
    assertThat(get(base("first.log") + "/health")).contains("\"status\"");

    first.destroy(); // SIGTERM to the launcher: it stops the server and keeps what it wrote
    assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(server.isAlive()).isFalse();
    List<Path> made;
    try (Stream<Path> files = Files.list(cds)) {
      made = files.toList();
    }
    assertThat(made).hasSize(1);
    Path archive = made.get(0);
    assertThat(archive.getFileName().toString()).matches("demo-web-[0-9a-f]{16}\\.jsa");
    assertThat(Files.size(archive)).isGreaterThan(1 << 20);

    Process second = start("second.log");
    assertThat(arguments(server(second))).contains("-XX:SharedArchiveFile=" + archive);
    assertThat(get(base("second.log") + "/api/articles/" + Fixtures.SEED)).contains("网贷逾期了如何防止爆通讯录");
    second.destroy();
    assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void killingTheLauncherStopsTheServer() throws Exception {
    Process launcher = start("killed.log");
    ProcessHandle server = server(launcher);
    base("killed.log");

    launcher.destroyForcibly(); // kill -9: no hook runs, the server sees its standard input close
    assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
  }

  @Test
  void withTheLauncherOffTheServerRunsInTheFirstJvm() throws Exception {
    Process p = start("off.log", "-Dcontent.web.launcher=off");
    assertThat(get(base("off.log") + "/health")).contains("\"status\"");
    assertThat(p.descendants().filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(cds).doesNotExist();
  }

  private Process start(String log, String... jvmOptions) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dcontent.web.cds-dir=" + cds);
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-jar", JAR.toString(), "--seeds", seeds.toString(), "--index", tmp.resolve("index").toString(),
        "--port", "0"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /**
   * The server's JVM: the launcher's one child, once it runs java. Right after the fork the child is
   * still the JDK's {@code jspawnhelper} (its arguments the JDK version and file descriptors), which
   * then execs java.
   */
  private ProcessHandle server(Process launcher) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> child = launcher.children().findFirst()
          .filter(c -> c.info().command().filter(cmd -> cmd.endsWith("/java")).isPresent());
      if (child.isPresent()) {
        servers.add(child.get());
        return child.get();
      }
      assertThat(launcher.isAlive()).as("the launcher is running").isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("the launcher started no server within 30 s");
  }

  private static List<String> arguments(ProcessHandle p) {
    return List.of(p.info().arguments().orElseThrow());
  }

  /** The address the server says it serves, once it says so. */
  private String base(String log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(tmp.resolve(log)));
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not serving after 60 s:\n" + Files.readString(tmp.resolve(log)));
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }
}
