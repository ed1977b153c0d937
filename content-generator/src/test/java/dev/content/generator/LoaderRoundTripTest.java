package dev.content.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.RelatedEntry;
import dev.content.loader.LoadResult;
import dev.content.loader.ParseResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator writes is what the project's loader reads, without a single diagnostic. */
class LoaderRoundTripTest {

  @Test
  void everyGeneratedFileParsesBackToTheArticleThatWasGenerated() {
    // 1,400 articles: every source document once, plus section cuts and variants.
    CorpusGenerator gen = CorpusGenerator.builder(SharedData.lawrefbook()).count(1400).seed(1).build();
    SeedLoader loader = SeedLoader.create();
    for (GeneratedArticle e : gen.entries()) {
      ParseResult r = loader.parse(gen.text(e.index()), e.path());
      assertThat(r.diagnostics()).as(e.path()).isEmpty();
      assertThat(r.article()).as(e.path()).isPresent();
      Article parsed = r.article().get().withoutProvenance();
      Article generated = gen.article(e.index());
      assertThat(parsed.title()).isEqualTo(generated.title());
      assertThat(parsed.body()).as(e.path()).isEqualTo(generated.body());
      assertThat(parsed.related()).as(e.path()).isEqualTo(generated.related());
      assertThat(parsed.previousPostAt()).isEqualTo(generated.previousPostAt());
      assertThat(parsed.nextPostAt()).isEqualTo(generated.nextPostAt());
    }
  }

  @Test
  void aGeneratedFolderLoadsCleanlyAndItsRelatedListsResolveInsideIt(@TempDir Path dir) throws IOException {
    GenerationResult g = CorpusGenerator.builder(SharedData.lawrefbook()).count(600).seed(8).folders(true)
        .stubRate(0).build().writeTo(dir);
    LoadResult r = SeedLoader.create().load(dir);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.files()).hasSize(g.files()).allMatch(f -> f.loaded());
    Corpus c = r.corpus();
    assertThat(c.fullArticles()).hasSize(600);
    assertThat(c.stubs()).isEmpty();
    for (Article a : c.fullArticles()) {
      for (RelatedEntry e : a.related()) {
        assertThat(c.isFull(e.targetId().orElseThrow())).as("%s in %s", e.title(), a.id()).isTrue();
      }
    }
    // One posting sequence: one first post (no 上一篇) and one last post (no 下一篇).
    assertThat(c.fullArticles()).filteredOn(a -> a.previousPostAt().isEmpty()).hasSize(1);
    assertThat(c.fullArticles()).filteredOn(a -> a.nextPostAt().isEmpty()).hasSize(1);
  }
}
