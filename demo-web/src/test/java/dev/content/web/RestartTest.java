package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts the real server over the same folder: the corpus snapshot is served at once, unverified, the
 * index is reused, and a file edited while the server was down is served once the folder is verified.
 */
class RestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();

  private record Run(String printed, JsonNode health, List<String> ids, String page) {}

  /**
   * Starts the site as {@code java -jar demo-web.jar} would; while the first snapshot is indexed (and
   * verified, when it was read from the snapshot) every article of {@code ids} is requested over and
   * over and must answer 200; then returns what it printed, its /health, the ids it serves and the page
   * of {@code articleId}, and stops it.
   */
  private Run startServeAndStop(Path seeds, String articleId, List<String> ids, String... options)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicReference<Main.Server> started = new AtomicReference<>();
    List<String> args = new ArrayList<>(List.of("--seeds", seeds.toString(), "--port", "0"));
    args.addAll(List.of(options));
    int code = Main.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err, started::set);
    assertThat(code).isEqualTo(Main.RUNNING);
    try (Main.Server server = started.get()) {
      String base = "http://127.0.0.1:" + server.port();
      Queue<String> errors = new ConcurrentLinkedQueue<>();
      AtomicBoolean done = new AtomicBoolean();
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        do {
          for (String id : ids) {
            try {
              int status = get(base + "/articles/" + id).statusCode();
              if (status != 200) {
                errors.add(id + " -> " + status);
              }
            } catch (Exception e) {
              errors.add(id + " -> " + e);
            }
          }
        } while (!done.get());
      });
      assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      done.set(true);
      reader.get();
      assertThat(errors).isEmpty();
      JsonNode health = JSON.readTree(get(base + "/health").body());
      List<String> served = new ArrayList<>();
      JSON.readTree(get(base + "/api/articles?pageSize=100").body()).get("items")
          .forEach(a -> served.add(a.get("id").asText()));
      HttpResponse<String> page = get(base + "/articles/" + articleId);
      assertThat(page.statusCode()).isEqualTo(200);
      return new Run(out.toString(StandardCharsets.UTF_8), health, served, page.body());
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRestartServesTheSnapshotAtOnceAndAFileEditedMeanwhileOnceVerified() throws Exception {
    Path seeds = SeedsFolder.standard(Files.createDirectories(tmp.resolve("seeds")));
    SeedsFolder.age(seeds);
    String body = Fixtures.credit().body().get(0).plainText().substring(0, 12);

    Run first = startServeAndStop(seeds, Fixtures.CREDIT, List.of());
    assertThat(first.printed()).doesNotContain("read from the corpus snapshot");
    assertThat(first.page()).contains(body);
    assertThat(first.ids()).hasSize(3);
    assertThat(seeds.resolve(".content-index")).isDirectory();

    // Unchanged: served from the snapshot, then verified as it is (no new corpus swapped in).
    Run same = startServeAndStop(seeds, Fixtures.CREDIT, first.ids());
    assertThat(same.printed()).contains("read from the corpus snapshot, the folder is being verified");
    assertThat(same.health().get("corpus").get("verified").asBoolean()).isTrue();
    assertThat(same.health().get("index").get("state").asText()).startsWith("ready");
    assertThat(same.health().get("generation").asLong()).isEqualTo(2); // unverified, then indexed
    assertThat(same.ids()).isEqualTo(first.ids());
    assertThat(same.page()).contains(body);

    // One file edited while the server is down: its new text is served once the folder is verified,
    // and no article is missing meanwhile.
    Path credit = SeedsFolder.fileOf(seeds, Fixtures.credit());
    Files.writeString(credit, Files.readString(credit).replace(body, "改过的开头：" + body));
    Files.setLastModifiedTime(credit, FileTime.from(Instant.now().minusSeconds(60)));
    Run edited = startServeAndStop(seeds, Fixtures.CREDIT, first.ids());
    assertThat(edited.printed()).contains("read from the corpus snapshot, the folder is being verified");
    assertThat(edited.health().get("corpus").get("verified").asBoolean()).isTrue();
    assertThat(edited.health().get("generation").asLong()).isGreaterThan(2); // the verified load swapped in
    assertThat(edited.ids()).isEqualTo(first.ids());
    assertThat(edited.page()).contains("改过的开头：");
  }

  @Test
  void theSnapshotOfAnotherSeedsFolderInTheSameIndexFolderIsNotServed() throws Exception {
    Path index = tmp.resolve("index");
    Path first = SeedsFolder.standard(Files.createDirectories(tmp.resolve("first")));
    Path other = Files.createDirectories(tmp.resolve("other"));
    SeedsFolder.write(other, Fixtures.fraud().toBuilder().categories(List.of()).build());
    SeedsFolder.age(first);
    SeedsFolder.age(other);
    assertThat(startServeAndStop(first, Fixtures.CREDIT, List.of(), "--index", index.toString()).ids())
        .hasSize(3);

    Run run = startServeAndStop(other, Fixtures.FRAUD, List.of(Fixtures.FRAUD), "--index", index.toString());

    assertThat(run.printed()).doesNotContain("read from the corpus snapshot");
    assertThat(run.ids()).containsExactly(Fixtures.FRAUD);
    // Its own snapshot is used by its next restart.
    assertThat(startServeAndStop(other, Fixtures.FRAUD, List.of(Fixtures.FRAUD), "--index", index.toString())
        .printed()).contains("read from the corpus snapshot");
  }
}
