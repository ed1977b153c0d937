package dev.content.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.RelatedEntry;
import dev.content.core.Titles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {

  private static CorpusGenerator generator(int count, long seed) {
    return CorpusGenerator.builder(SharedData.lawrefbook()).count(count).seed(seed).build();
  }

  @Test
  void titlesStayUniqueWhenTheCorpusOutgrowsTheSource() {
    // 3,000 articles from 1,229 documents: sections, cuts, combinations and title variants.
    CorpusGenerator gen = generator(3000, 7);
    Set<String> keys = new HashSet<>();
    for (GeneratedArticle e : gen.entries()) {
      assertThat(keys.add(Titles.normalize(e.title()))).as("duplicate title %s", e.title()).isTrue();
    }
    assertThat(gen.entries()).extracting(GeneratedArticle::id).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[0-9a-f]{16}"));
  }

  @Test
  void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    generator(150, 3).writeTo(a);
    generator(150, 3).writeTo(b);
    generator(150, 4).writeTo(c);
    Map<String, byte[]> first = contents(a);
    Map<String, byte[]> second = contents(b);
    assertThat(first).hasSize(150 + 2);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
    assertThat(contents(c).keySet()).isNotEqualTo(first.keySet());
  }

  @Test
  void relatedEntriesLinkInsideTheCorpusMostlyWithinTheCategory() {
    CorpusGenerator gen = CorpusGenerator.builder(SharedData.lawrefbook()).count(400).seed(5).stubRate(0).build();
    Map<String, GeneratedArticle> byTitle = new HashMap<>();
    gen.entries().forEach(e -> byTitle.put(Titles.normalize(e.title()), e));
    int entries = 0;
    int sameCategory = 0;
    for (GeneratedArticle e : gen.entries()) {
      Article a = gen.article(e.index());
      assertThat(a.related()).hasSizeBetween(4, 6);
      for (RelatedEntry r : a.related()) {
        GeneratedArticle target = byTitle.get(Titles.normalize(r.title()));
        assertThat(target).as("related %s of %s", r.title(), e.title()).isNotNull();
        assertThat(target.id()).isNotEqualTo(e.id());
        assertThat(r.excerpt()).hasValueSatisfying(x -> assertThat(x).endsWith("…"));
        assertThat(r.date()).isPresent();
        entries++;
        sameCategory += target.categorySlug().equals(e.categorySlug()) ? 1 : 0;
      }
    }
    assertThat((double) sameCategory / entries).isBetween(0.7, 0.97);
  }

  @Test
  void stubsNameTitlesOutsideTheCorpus() {
    CorpusGenerator gen = CorpusGenerator.builder(SharedData.lawrefbook()).count(300).seed(5).stubRate(0.2).build();
    Set<String> titles = gen.entries().stream().map(e -> Titles.normalize(e.title())).collect(Collectors.toSet());
    long outside = gen.entries().stream()
        .flatMap(e -> gen.article(e.index()).related().stream())
        .filter(r -> !titles.contains(Titles.normalize(r.title())))
        .count();
    long all = gen.entries().stream().mapToLong(e -> gen.article(e.index()).related().size()).sum();
    assertThat((double) outside / all).isBetween(0.1, 0.3);
  }

  @Test
  void footersFollowOnePostingSequence() {
    CorpusGenerator gen = generator(500, 11);
    List<Article> articles = IntStream.range(0, 500).mapToObj(gen::article).toList();
    assertThat(articles).filteredOn(a -> a.previousPostAt().isEmpty()).hasSize(1);
    assertThat(articles).filteredOn(a -> a.nextPostAt().isEmpty()).hasSize(1);
    // Posting times: every "next" of one article is the "previous" of the article two places later.
    Set<OffsetDateTime> previous = new HashSet<>();
    Set<OffsetDateTime> next = new HashSet<>();
    for (Article a : articles) {
      a.previousPostAt().ifPresent(previous::add);
      a.nextPostAt().ifPresent(next::add);
      if (a.previousPostAt().isPresent() && a.nextPostAt().isPresent()) {
        assertThat(a.previousPostAt().get()).isBefore(a.nextPostAt().get());
      }
    }
    assertThat(previous).hasSize(499);
    assertThat(next).hasSize(499);
    Set<OffsetDateTime> both = new HashSet<>(previous);
    both.retainAll(next);
    assertThat(both).hasSize(498);
  }

  @Test
  void bodiesHaveSectionHeadingsAndBoldLeadPoints() {
    CorpusGenerator gen = generator(1229, 1);
    List<Block> blocks = new ArrayList<>();
    IntStream.range(0, 1229).forEach(i -> blocks.addAll(gen.article(i).body()));
    assertThat(blocks).filteredOn(b -> b instanceof Block.Heading)
        .extracting(Block::plainText).anyMatch(t -> t.startsWith("一、")).anyMatch(t -> t.startsWith("二、"));
    List<Block.ListItem> items = blocks.stream().filter(b -> b instanceof Block.OrderedList)
        .flatMap(b -> ((Block.OrderedList) b).items().stream()).toList();
    assertThat(items).hasSizeGreaterThan(100);
    assertThat(items.stream().filter(it -> !it.heading().isEmpty() && it.heading().get(0).strong()).count())
        .isGreaterThan(items.size() / 2);
    assertThat(items).extracting(Block.ListItem::marker).contains("1.", "2.", "1、", "（1）");
  }

  @Test
  void writesFoldersByCategoryWithGroundTruth(@TempDir Path dir) throws IOException {
    GenerationResult r = CorpusGenerator.builder(SharedData.lawrefbook()).count(1001).seed(2).folders(true)
        .build().writeTo(dir);
    assertThat(r.files()).isEqualTo(1001);
    List<String> truth = Files.readAllLines(r.groundTruth(), StandardCharsets.UTF_8);
    assertThat(truth).hasSize(1002);
    assertThat(truth.get(0)).isEqualTo("id\tcategory\tcategory_name\tpath\ttitle\tsources");
    for (String line : truth.subList(1, truth.size())) {
      String[] f = line.split("\t");
      assertThat(f[3]).matches(f[1] + "/\\d{4}_" + f[0] + "\\.txt");
      assertThat(LawCategories.slug(f[2])).isEqualTo(f[1]);
      assertThat(dir.resolve(f[3])).isRegularFile();
    }
    assertThat(r.categories()).containsEntry("cases", "案例").containsEntry("criminal-law", "刑法");
    assertThat(Files.readString(dir.resolve(CorpusGenerator.CATEGORIES))).contains("cases\t案例\t");
    long bytes;
    try (Stream<Path> files = Files.walk(dir)) {
      bytes = files.filter(p -> p.toString().endsWith(".txt")).mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(r.bytes()).isEqualTo(bytes);
  }

  @Test
  void refusesAFolderThatAlreadyHoldsArticles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("old.txt"), "x");
    CorpusGenerator gen = generator(3, 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gen.writeTo(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old.txt");
  }

  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
