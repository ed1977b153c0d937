package dev.content.search;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Corpus;
import dev.content.core.Inline;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A deterministic corpus of any size made from the fixture articles' paragraphs, for tests that need
 * indexing to take a while (crash recovery). Every article differs in title and text.
 */
final class Synthetic {
  private Synthetic() {}

  static Corpus corpus(int n) {
    List<Article> base = Fixtures.corpus().fullArticles();
    Corpus.Builder b = Corpus.builder();
    OffsetDateTime t0 = OffsetDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    for (int i = 0; i < n; i++) {
      Article a = base.get(i % base.size());
      Article other = base.get((i * 7 + 3) % base.size());
      String text = a.bodyText() + "\n第" + i + "篇补充说明：" + other.summary(60 + i % 40);
      b.add(Article.builder(String.format("%016x", 0x5000_0000_0000L + i), a.title() + "（第" + i + "篇）")
          .previousPostAt(t0.plusMinutes(37L * i))
          .addBlock(new Block.Paragraph(List.of(Inline.plain(text))))
          .build());
    }
    return b.build();
  }

  /** Child process for the crash test: indexes {@code args[1]} articles into folder {@code args[0]}. */
  public static void main(String[] args) {
    Corpus c = corpus(Integer.parseInt(args[1]));
    System.out.println("indexing " + c.size());
    System.out.flush();
    try (ContentLibrary lib = ContentLibrary.open(c, ContentLibrary.Options.builder()
        .indexDirectory(java.nio.file.Path.of(args[0])).build())) {
      System.out.println("done " + lib.indexReport());
    }
  }
}
