package dev.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.content.core.Article;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files change while readers keep reading: every request succeeds and sees one whole corpus. */
class ReloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path seeds;

  @Test
  void reloadsUnderConcurrentRequestsWithoutASingleError() throws Exception {
    SeedsFolder.standard(seeds);
    try (Main.Server server = Main.Server.start(seeds, "127.0.0.1", 0)) {
      assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<String> paths = List.of("/", "/articles/" + Fixtures.SEED, "/articles/" + Fixtures.CREDIT,
          "/api/articles?pageSize=100", "/search?q=" + Urls.enc("网贷"), "/api/graph", "/health",
          "/feed.xml", "/api/articles/" + Fixtures.SEED + "/related");
      Queue<String> errors = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger requests = new AtomicInteger();
      ExecutorService readers = Executors.newFixedThreadPool(6);
      for (int t = 0; t < 6; t++) {
        int offset = t;
        readers.submit(() -> {
          long lastGeneration = 0;
          for (int i = offset; !stop.get(); i++) {
            String path = paths.get(i % paths.size());
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
              requests.incrementAndGet();
              if (r.statusCode() != 200) {
                errors.add(path + " -> " + r.statusCode());
              } else if (path.startsWith("/api/articles?")) {
                JsonNode page = JSON.readTree(r.body());
                if (page.get("total").asInt() != page.get("items").size()) {
                  errors.add("mixed snapshot: total " + page.get("total") + " vs " + page.get("items").size());
                }
              } else if (path.equals("/health")) {
                long g = JSON.readTree(r.body()).get("generation").asLong();
                if (g < lastGeneration) {
                  errors.add("generation went back from " + lastGeneration + " to " + g);
                }
                lastGeneration = g;
              }
            } catch (Exception e) {
              errors.add(path + " -> " + e);
            }
          }
          return null;
        });
      }
      long firstGeneration = server.snapshot().generation();
      Article fraud = Fixtures.fraud().toBuilder().categories(List.of()).build();
      for (int round = 1; round <= 12; round++) {
        Article renamed = Article.builder(fraud.id(), "微信买东西被骗了钱怎么追回来了（第" + round + "版）")
            .author("编辑部").likes(round).body(fraud.body()).build();
        SeedsFolder.write(seeds, renamed);
        SeedsFolder.write(seeds, Article.builder(String.format("%016x", 0xabc000L + round),
            "新增文章第" + round + "篇：网贷协商还款").author("admin").body(fraud.body()).build());
        server.reloadNow();
        Thread.sleep(100);
      }
      // A file that can no longer be read (truncated mid-save) keeps its last good article, and
      // /health says so.
      Files.write(SeedsFolder.fileOf(seeds, Fixtures.credit()), new byte[0]);
      server.reloadNow();
      Thread.sleep(300);
      stop.set(true);
      readers.shutdown();
      assertThat(readers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      assertThat(errors).isEmpty();
      assertThat(requests.get()).isGreaterThan(100);
      Snapshot last = server.snapshot();
      assertThat(last.generation()).isGreaterThanOrEqualTo(firstGeneration + 13);
      assertThat(last.corpus().require(Fixtures.FRAUD).title()).isEqualTo("微信买东西被骗了钱怎么追回来了（第12版）");
      assertThat(last.corpus().fullArticles()).hasSize(3 + 12);
      HttpResponse<String> credit = http.send(HttpRequest.newBuilder(URI.create(base + "/articles/" + Fixtures.CREDIT))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(credit.statusCode()).isEqualTo(200);
      assertThat(credit.body()).contains("征信上的网贷账户怎么消除");
      JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(health.get("status").asText()).isEqualTo("degraded");
      assertThat(health.get("keptFromEarlierLoad").get(0).asText()).startsWith("000_" + Fixtures.CREDIT + ".txt");
      assertThat(health.get("diagnostics").get("errors").asInt()).isPositive();
    }
  }

  @Test
  void theWatcherPicksUpANewFileByItself() throws Exception {
    SeedsFolder.standard(seeds);
    try (Main.Server server = Main.Server.start(seeds, "127.0.0.1", 0)) {
      assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      Article added = Article.builder("00000000feedf00d", "信用卡逾期后如何协商分期").author("admin")
          .body(Fixtures.fraud().body()).build();
      SeedsFolder.write(seeds, added);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.snapshot().corpus().article(added.id()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(server.snapshot().corpus().article(added.id())).isPresent();
    }
  }

  /**
   * Restarted over an unchanged folder, the site serves the loader's corpus snapshot, whose bodies are
   * read when used: from the snapshot, never from the files, so a corpus still being served keeps every
   * body while the folder changes under it and reloads.
   */
  @Test
  void theCorpusBeingServedKeepsItsBodiesWhenItsFilesChange() throws Exception {
    SeedsFolder.standard(seeds);
    SeedsFolder.age(seeds);
    try (Main.Server first = Main.Server.start(seeds, "127.0.0.1", 0)) {
      assertThat(first.awaitIndexed(Duration.ofMinutes(2))).isTrue();
    }
    assertThat(seeds.resolve(".content-index").resolve(Main.CORPUS_SNAPSHOT)).isRegularFile();
    Path creditFile = SeedsFolder.fileOf(seeds, Fixtures.credit());
    Path fraudFile = SeedsFolder.fileOf(seeds, Fixtures.fraud());
    String creditText = dev.content.loader.SeedLoader.create().parse(creditFile).article().orElseThrow().bodyText();
    String fraudText = dev.content.loader.SeedLoader.create().parse(fraudFile).article().orElseThrow().bodyText();
    try (Main.Server server = Main.Server.start(seeds, "127.0.0.1", 0)) {
      assertThat(server.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      Snapshot before = server.snapshot();
      Article credit = before.corpus().require(Fixtures.CREDIT);
      Article fraud = before.corpus().require(Fixtures.FRAUD);
      assertThat(credit.body()).isInstanceOfSatisfying(dev.content.core.LazyBody.class,
          b -> assertThat(b.isLoaded()).isFalse());

      String opening = creditText.substring(0, 12);
      Files.writeString(creditFile, Files.readString(creditFile).replace(opening, "改过的开头：" + opening));
      Files.delete(fraudFile);
      server.reloadNow();

      assertThat(server.snapshot().generation()).isGreaterThan(before.generation());
      assertThat(server.snapshot().corpus().require(Fixtures.CREDIT).bodyText()).startsWith("改过的开头：");
      assertThat(server.snapshot().corpus().article(Fixtures.FRAUD)).isEmpty();
      // Requests that took the earlier snapshot still read its bodies: the edited text and the deleted
      // file are not theirs.
      assertThat(credit.bodyText()).isEqualTo(creditText);
      assertThat(fraud.bodyText()).isEqualTo(fraudText);
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/articles/" + Fixtures.CREDIT)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("改过的开头：");
    }
  }

  /**
   * The watcher registers its folders only once the first snapshot is indexed (the walk would compete
   * with the index for the cores): a file written after the load started and before that raises no
   * event, and is picked up by its time stamp.
   */
  @Test
  void aChangeMadeWhileTheFolderLoadedIsPickedUpOnceTheFoldersAreWatched() throws Exception {
    Loaded loaded = loadStandard();
    java.util.concurrent.atomic.AtomicReference<Snapshot> current = loaded.current();
    Thread.sleep(50); // beyond the file system clock's tick
    Article added = Article.builder("00000000feedf00d", "信用卡逾期后如何协商分期").author("admin")
        .body(Fixtures.fraud().body()).build();
    SeedsFolder.write(seeds, added);
    assertThat(current.get().corpus().article(added.id())).isEmpty();
    try (SeedsWatcher watcher = loaded.watch()) {
      assertThat(watcher.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (current.get().corpus().article(added.id()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(current.get().corpus().article(added.id())).isPresent();
      assertThat(current.get().search().state()).startsWith("ready");
    }
  }

  /** Files written before the load started are the loaded ones: they cause no reload. */
  @Test
  void filesWrittenBeforeTheLoadCauseNoReload() throws Exception {
    Loaded loaded = loadStandard();
    java.util.concurrent.atomic.AtomicReference<Snapshot> current = loaded.current();
    try (SeedsWatcher watcher = loaded.watch()) {
      assertThat(watcher.awaitIndexed(Duration.ofMinutes(2))).isTrue();
      long indexed = current.get().generation();
      Thread.sleep(1_000);
      assertThat(current.get().generation()).isEqualTo(indexed);
    }
  }

  /** The standard folder loaded as the server loads it, with when the load started. */
  private record Loaded(SeedsSource source, java.time.Instant started,
      java.util.concurrent.atomic.AtomicReference<Snapshot> current) {
    /** A watcher that indexes the loaded snapshot, then watches the folder. */
    SeedsWatcher watch() throws java.io.IOException {
      return new SeedsWatcher(source, current, Duration.ofMillis(100), started, s -> { });
    }
  }

  private Loaded loadStandard() throws java.io.IOException {
    SeedsFolder.standard(seeds);
    SeedsSource source = new SeedsSource(seeds, dev.content.loader.SeedLoader.create());
    java.time.Instant started = java.time.Instant.now();
    return new Loaded(source, started, new java.util.concurrent.atomic.AtomicReference<>(source.loadUnindexed()));
  }
}
