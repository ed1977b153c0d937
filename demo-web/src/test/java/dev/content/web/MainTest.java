package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final java.util.concurrent.atomic.AtomicReference<Main.Server> started =
      new java.util.concurrent.atomic.AtomicReference<>();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), started::set);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatIsWrong() {
    assertThat(run("--port", "http")).isEqualTo(2);
    assertThat(err()).contains("--port must be a number from 0 to 65535, was 'http'");
    assertThat(run("--bogus", "x")).isEqualTo(2);
    assertThat(err()).contains("unknown argument '--bogus'").contains("usage: java -jar demo-web.jar");
    assertThat(run("--seeds")).isEqualTo(2);
    assertThat(err()).contains("option --seeds needs a value");
  }

  @Test
  void aMissingSeedsFolderExitsWithOne(@TempDir Path tmp) {
    assertThat(run("--seeds", tmp.resolve("nope").toString())).isEqualTo(1);
    assertThat(err()).contains("does not exist or is not a folder");
  }

  @Test
  void helpPrintsUsageAndExitsWithZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--seeds DIR").contains("--port PORT")
        .contains("--host HOST").contains("--index DIR").contains(".content-index");
  }

  @Test
  void theIndexGoesWhereTheIndexOptionSays(@TempDir Path tmp) throws Exception {
    Path seeds = SeedsFolder.standard(java.nio.file.Files.createDirectories(tmp.resolve("seeds")));
    Path index = tmp.resolve("elsewhere");
    int code = run("--seeds", seeds.toString(), "--index", index.toString(), "--port", "0");
    try (Main.Server server = started.get()) {
      assertThat(code).isEqualTo(Main.RUNNING);
      assertThat(server.awaitIndexed(java.time.Duration.ofMinutes(2))).isTrue();
      assertThat(index.resolve("g000001")).isDirectory();
      assertThat(seeds.resolve(".content-index")).doesNotExist();
      assertThat(server.snapshot().search().state()).contains("on disk in " + index.toAbsolutePath());
    }
  }

  @Test
  void startingPrintsTheUrl(@TempDir Path seeds) throws Exception {
    SeedsFolder.standard(seeds);
    int code = run("--seeds", seeds.toString(), "--port", "0");
    try (Main.Server server = started.get()) {
      assertThat(code).isEqualTo(Main.RUNNING);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("serving http://127.0.0.1:" + server.port() + "/");
    }
  }

  /**
   * The index folder is opened while the corpus loads; a server that cannot take its port releases it
   * again, so the next start uses it (on disk, not in memory).
   */
  @Test
  void aTakenPortReleasesTheIndexFolder(@TempDir Path tmp) throws Exception {
    Path seeds = SeedsFolder.standard(java.nio.file.Files.createDirectories(tmp.resolve("seeds")));
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(run("--seeds", seeds.toString(), "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
      assertThat(err()).contains("cannot start on 127.0.0.1:" + taken.getLocalPort());
    }
    int code = run("--seeds", seeds.toString(), "--port", "0");
    try (Main.Server server = started.get()) {
      assertThat(code).isEqualTo(Main.RUNNING);
      assertThat(server.awaitIndexed(java.time.Duration.ofMinutes(2))).isTrue();
      assertThat(server.snapshot().search().state()).contains("on disk in");
    }
  }
}
