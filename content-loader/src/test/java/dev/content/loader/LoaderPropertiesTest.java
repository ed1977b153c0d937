package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.RelatedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated input never makes the loader throw, and written articles read back equal. */
class LoaderPropertiesTest {
  private static final String SEED = readSeed();
  private final SeedLoader loader = SeedLoader.create();

  private static String readSeed() {
    try {
      return Files.readString(Path.of(LoaderPropertiesTest.class.getResource("/spec/000_cf47211e9869dcd2.txt")
          .toURI()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 300)
  void randomBytesGiveAnArticleOrAnError(@ForAll byte[] bytes) {
    assertOutcome(loader.parse(bytes, "random.txt"));
  }

  @Property(tries = 300)
  void randomTextGivesAnArticleOrAnError(@ForAll String text) {
    assertOutcome(loader.parse(text, "random.txt"));
  }

  @Property(tries = 500)
  void mutatedSeedsGiveAnArticleOrAnError(@ForAll("mutatedSeeds") String text) {
    assertOutcome(loader.parse(text.getBytes(StandardCharsets.UTF_8), "mutated.txt"));
  }

  @Property(tries = 200)
  void writtenArticlesReadBackEqual(@ForAll("articles") Article article) {
    Article again = loader.parse(SeedWriter.write(article), "x.txt").article().orElseThrow();
    assertThat(again.withoutProvenance()).isEqualTo(article.withoutProvenance());
  }

  /**
   * A folder of mutated seeds (broken ones and clashing ids and titles included) loads the same from
   * its snapshot as from its files, diagnostics included, and so does one file edited afterwards.
   */
  @Property(tries = 40)
  void snapshotLoadsEqualParses(@ForAll("folders") List<String> texts, @ForAll("mutatedSeeds") String edit)
      throws IOException {
    Path root = Files.createTempDirectory("snapshot-property");
    try {
      Path folder = Files.createDirectories(root.resolve("corpus"));
      for (int i = 0; i < texts.size(); i++) {
        // Every third file shares an id with the one before; sub-folders become categories.
        String name = (i % 4 == 3 ? "sub/" : "") + String.format("%03d_%016x.txt", i, (i / 3) * 3 + 0xa0L);
        Path f = folder.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, texts.get(i).getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L + i));
      }
      SeedLoader snapshotting = SeedLoader.builder().snapshot(root.resolve("snap")).build();
      snapshotting.load(folder);
      assertSameLoad(snapshotting.load(folder), loader.load(folder));
      Path edited = folder.resolve(String.format("%03d_%016x.txt", 0, 0xa0L));
      Files.write(edited, edit.getBytes(StandardCharsets.UTF_8));
      Files.setLastModifiedTime(edited, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
      assertSameLoad(snapshotting.load(folder), loader.load(folder));
    } finally {
      try (var walk = Files.walk(root)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void assertSameLoad(LoadResult snapshot, LoadResult parsed) {
    assertThat(snapshot.diagnostics()).isEqualTo(parsed.diagnostics());
    assertThat(snapshot.files()).isEqualTo(parsed.files());
    assertThat(snapshot.corpus().taxonomy()).isEqualTo(parsed.corpus().taxonomy());
    assertThat(snapshot.corpus().articles()).isEqualTo(parsed.corpus().articles());
    for (Article a : parsed.corpus().fullArticles()) {
      assertThat(List.copyOf(snapshot.corpus().require(a.id()).body())).isEqualTo(a.body());
    }
  }

  @Provide
  Arbitrary<List<String>> folders() {
    return mutatedSeeds().list().ofMinSize(1).ofMaxSize(8);
  }

  private static void assertOutcome(ParseResult r) {
    assertThat(r).isNotNull();
    if (r.article().isEmpty()) {
      assertThat(r.diagnostics()).anyMatch(Diagnostic::isError);
    }
  }

  /** The seed with lines deleted, duplicated, swapped, truncated or sprinkled with odd characters. */
  @Provide
  Arbitrary<String> mutatedSeeds() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 67);
    Arbitrary<String> junk = Arbitraries.of("", " ", "\t", "\r", "\u001b[2J", "**", "(", "（12）", "上一篇",
        "相关文章", "  • ", "2025年2月30日", "下午13:99", "\uFEFF", "\u0000", "１．", "①", "#", "\uD800");
    return Combinators.combine(index, index, junk, Arbitraries.integers().between(0, 5))
        .as((a, b, j, op) -> {
          List<String> lines = new ArrayList<>(List.of(SEED.split("\n", -1)));
          int i = Math.min(a, lines.size() - 1);
          int k = Math.min(b, lines.size() - 1);
          switch (op) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(k));
            case 2 -> {
              String t = lines.get(i);
              lines.set(i, lines.get(k));
              lines.set(k, t);
            }
            case 3 -> lines.set(i, lines.get(i).substring(0, lines.get(i).length() / 2));
            case 4 -> lines.set(i, j + lines.get(i) + j);
            default -> lines.subList(Math.min(i, k), Math.max(i, k)).clear();
          }
          return String.join("\n", lines);
        });
  }

  @Provide
  Arbitrary<Article> articles() {
    Arbitrary<String> word = Arbitraries.strings().withChars("网贷逾期征信借呗花呗催收律师维权起诉还款分期被骗追回").ofMinLength(2)
        .ofMaxLength(12);
    Arbitrary<String> sentence = word.list().ofMinSize(1).ofMaxSize(4).map(w -> String.join("，", w) + "。");
    Arbitrary<Block> paragraph = Combinators.combine(sentence, word.injectNull(0.5))
        .as((s, bold) -> (Block) new Block.Paragraph(bold == null ? List.of(Inline.plain(s))
            : List.of(Inline.plain(s), Inline.strong(bold), Inline.plain("。"))));
    Arbitrary<Block> list = Combinators.combine(word, sentence).as((h, t) ->
            new Block.ListItem("1.", List.of(Inline.strong(h)), List.of(Inline.plain(t)), Optional.empty()))
        .list().ofMinSize(1).ofMaxSize(3).map(items -> {
          List<Block.ListItem> numbered = new ArrayList<>();
          for (int n = 0; n < items.size(); n++) {
            Block.ListItem it = items.get(n);
            numbered.add(new Block.ListItem((n + 1) + ".", it.heading(), it.text(), Optional.empty()));
          }
          return (Block) new Block.OrderedList(numbered, Optional.empty());
        });
    Arbitrary<Block> heading = word.map(w -> (Block) new Block.Heading(2, List.of(Inline.plain("一、" + w)),
        Optional.empty()));
    Arbitrary<RelatedEntry> entry = Combinators.combine(word, sentence.injectNull(0.3),
            Arbitraries.integers().between(0, 3000).injectNull(0.3))
        .as((t, x, d) -> RelatedEntry.of("相关" + t, Optional.ofNullable(x).map(s -> s + "…"),
            Optional.ofNullable(d).map(n -> LocalDate.of(2024, 1, 1).plusDays(n))));
    Arbitrary<OffsetDateTime> time = Arbitraries.integers().between(0, 500_000)
        .map(m -> OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).plusMinutes(m));
    return Combinators.combine(word, Arbitraries.oneOf(paragraph, list, heading).list().ofMaxSize(6),
            entry.list().ofMaxSize(4), time.injectNull(0.3), time.injectNull(0.3),
            Arbitraries.integers().between(0, 999))
        .as((title, blocks, related, prev, next, likes) -> {
          Article.Builder b = Article.builder("x", "标题" + title).body(mergeLists(blocks)).related(related)
              .likes(likes).author("admin");
          if (prev != null) {
            b.previousPostAt(prev);
          }
          if (next != null) {
            b.nextPostAt(next);
          }
          return b.build();
        });
  }

  /** Two lists in a row read back as one list (the format cannot tell them apart), so merge them. */
  private static List<Block> mergeLists(List<Block> blocks) {
    List<Block> out = new ArrayList<>();
    for (Block b : blocks) {
      if (b instanceof Block.OrderedList l && !out.isEmpty() && out.get(out.size() - 1) instanceof Block.OrderedList p) {
        List<Block.ListItem> items = new ArrayList<>(p.items());
        for (Block.ListItem it : l.items()) {
          items.add(new Block.ListItem((items.size() + 1) + ".", it.heading(), it.text(), Optional.empty()));
        }
        out.set(out.size() - 1, new Block.OrderedList(items, Optional.empty()));
      } else {
        out.add(b);
      }
    }
    return out;
  }
}
