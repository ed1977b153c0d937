package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts the real server over the same folder: the index is reused and an edited file is served anew. */
class RestartTest {
  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts the site as {@code java -jar demo-web.jar} would, returns what it printed, stops it. */
  private String startServeAndStop(Path seeds, String articleId, String expectedText) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicReference<Main.Server> started = new AtomicReference<>();
    int code = Main.run(new String[] {"--seeds", seeds.toString(), "--port", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err, started::set);
    assertThat(code).isEqualTo(Main.RUNNING);
    try (Main.Server server = started.get()) {
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/articles/" + articleId)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains(expectedText);
      assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRestartServesTheSameCorpusAndAnEditedFileItsNewText() throws Exception {
    Path seeds = SeedsFolder.standard(Files.createDirectories(tmp.resolve("seeds")));
    SeedsFolder.age(seeds);
    String body = Fixtures.credit().body().get(0).plainText().substring(0, 12);

    startServeAndStop(seeds, Fixtures.CREDIT, body);
    startServeAndStop(seeds, Fixtures.CREDIT, body);
    assertThat(seeds.resolve(".content-index")).isDirectory();

    // One edited file: its new text is served after the restart.
    Path credit = SeedsFolder.fileOf(seeds, Fixtures.credit());
    Files.writeString(credit, Files.readString(credit).replace(body, "改过的开头：" + body));
    Files.setLastModifiedTime(credit, FileTime.from(Instant.now().minusSeconds(60)));
    startServeAndStop(seeds, Fixtures.CREDIT, "改过的开头：");
  }
}
