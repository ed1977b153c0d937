package dev.content.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LazyBodyTest {
  private static final List<Block> BLOCKS = List.of(
      new Block.Paragraph(List.of(Inline.plain("近年来，随着网络借贷的普及，"), Inline.strong("逾期"), Inline.plain("问题增多。"))),
      new Block.Heading(2, List.of(Inline.plain("一、法律是怎么规定的")), java.util.Optional.of(LineRange.of(5))));

  private final AtomicInteger reads = new AtomicInteger();

  private Supplier<List<Block>> counting(List<Block> blocks) {
    return () -> {
      reads.incrementAndGet();
      return blocks;
    };
  }

  @Test
  void answersSizeHashCodeOpeningAndEqualityWithoutReading() {
    LazyBody one = LazyBody.of(BLOCKS, "k1", counting(BLOCKS));
    LazyBody restored = LazyBody.restore("k1", one.size(), one.hashCode(), one.opening(), one.openingComplete(),
        counting(BLOCKS));
    Article a = Article.builder("a1", "标题").body(restored).build();

    assertThat(restored.size()).isEqualTo(2);
    assertThat(restored.hashCode()).isEqualTo(BLOCKS.hashCode());
    assertThat(restored).isEqualTo(one);
    assertThat(a.lead(10)).isEqualTo("近年来，随着网络借贷…");
    assertThat(a.toBuilder().author("admin").build().body()).isSameAs(restored);
    assertThat(restored.isLoaded()).isFalse();
    assertThat(reads).hasValue(0);

    assertThat(restored).isEqualTo(BLOCKS);
    assertThat(BLOCKS).isEqualTo(restored);
    assertThat(a.bodyText()).isEqualTo("近年来，随着网络借贷的普及，逾期问题增多。\n\n一、法律是怎么规定的");
    assertThat(reads).hasValue(1);
    assertThat(LazyBody.of(BLOCKS, "k2", counting(BLOCKS))).isNotEqualTo(List.of(BLOCKS.get(0)));
    // Adding a block to a lazy or a built article's body makes a copy.
    Block more = new Block.Paragraph(List.of(Inline.plain("补充。")));
    assertThat(a.toBuilder().addBlock(more).build().body()).hasSize(3).endsWith(more);
    Article eager = Article.builder("e1", "标题").body(BLOCKS).build();
    assertThat(eager.toBuilder().addBlock(more).build().body()).hasSize(3);
    assertThat(eager.body()).hasSize(2);
  }

  @Test
  void letsGoOfBlocksNobodyUsesAtTheNextCollectionAndReadsThemAgain() {
    // Fresh lists each time, as the loader decodes them: nothing else holds them.
    LazyBody body = LazyBody.of(new ArrayList<>(BLOCKS), "k1", () -> {
      reads.incrementAndGet();
      return new ArrayList<>(BLOCKS);
    });
    assertThat(body.isLoaded()).isTrue();
    // A softly held body would stay until the heap is nearly full (it did: parsed bodies were most of
    // the live heap of a small site); a weakly held one goes with the next collection.
    for (int i = 0; i < 20 && body.isLoaded(); i++) {
      System.gc();
    }
    assertThat(body.isLoaded()).isFalse();
    assertThat(body).isEqualTo(BLOCKS);
    assertThat(reads).hasValue(1);
  }

  @Test
  void walksReadTheBlocksWithoutKeepingThemAndIndexedAccessKeepsThem() {
    LazyBody body = LazyBody.restore("k1", BLOCKS.size(), BLOCKS.hashCode(), "", false, counting(BLOCKS));
    Article a = Article.builder("a1", "标题").body(body).build();
    String text = "近年来，随着网络借贷的普及，逾期问题增多。\n\n一、法律是怎么规定的";

    // Each walk (a snippet's bodyText, a stream, forEach, an iterator) reads the body for itself.
    assertThat(a.bodyText()).isEqualTo(text);
    assertThat(body.stream().toList()).isEqualTo(BLOCKS);
    List<Block> seen = new ArrayList<>();
    body.forEach(seen::add);
    assertThat(seen).isEqualTo(BLOCKS);
    assertThat(body.iterator().next()).isEqualTo(BLOCKS.get(0));
    assertThat(body.isLoaded()).isFalse();
    assertThat(reads).hasValue(4);

    // Indexed access keeps them (weakly; here BLOCKS holds them), and walks then use what is kept.
    assertThat(body.get(1)).isEqualTo(BLOCKS.get(1));
    assertThat(body.get(0)).isEqualTo(BLOCKS.get(0));
    assertThat(body.isLoaded()).isTrue();
    assertThat(a.bodyText()).isEqualTo(text);
    assertThat(body.stream().count()).isEqualTo(2);
    assertThat(reads).hasValue(5);
  }

  @Test
  void failsWithTheSuppliersMessageOrWhenTheBlocksChanged() {
    LazyBody gone = LazyBody.restore("k", 2, 0, "", false, () -> {
      throw new IllegalStateException("seeds/x.txt: the file is gone");
    });
    LazyBody shorter = LazyBody.restore("k", 2, 0, "", false, () -> List.of(BLOCKS.get(0)));

    assertThatThrownBy(() -> gone.get(0)).hasMessage("seeds/x.txt: the file is gone");
    assertThatThrownBy(() -> shorter.get(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("now has 1 blocks, not 2");
    assertThatThrownBy(() -> gone.add(BLOCKS.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  /** The recorded opening cuts exactly like {@link Article#lead} over the whole text. */
  @Test
  void leadFromTheOpeningEqualsLeadFromTheBlocks() {
    String[] pieces = {"网", "贷", "a", " ", "  ", "\n", "\t", "\u3000", "\u00A0", "𠀀", "\r\n", "。"};
    Random random = new Random(42);
    for (int n = 0; n < 3000; n++) {
      List<Block> blocks = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int b = 0; b < count; b++) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(random.nextBoolean() ? 120 : 220);
        for (int i = 0; i < length; i++) {
          // Runs of white space at the ends and around the cut are the interesting cases.
          text.append(pieces[random.nextInt(random.nextInt(4) == 0 ? pieces.length : 4)]);
        }
        blocks.add(new Block.Paragraph(List.of(Inline.plain(text.toString()))));
      }
      Article eager = Article.builder("e", "t").body(blocks).build();
      Article lazy = Article.builder("e", "t").body(LazyBody.restore("k", blocks.size(), blocks.hashCode(),
          LazyBody.of(blocks, "k", () -> blocks).opening(), LazyBody.of(blocks, "k", () -> blocks).openingComplete(),
          () -> {
            throw new AssertionError("the lead must not read the body");
          })).build();
      for (int max : new int[] {0, 1, 50, 110, 159}) {
        assertThat(lazy.lead(max)).as("case %d, %d chars", n, max).isEqualTo(eager.lead(max));
      }
      String whole = Article.collapse(blocks);
      LazyBody recorded = (LazyBody) lazy.body();
      boolean fits = whole.codePointCount(0, whole.length()) <= LazyBody.OPENING_CHARS;
      assertThat(recorded.openingComplete()).as("case %d complete", n).isEqualTo(fits);
      assertThat(recorded.opening()).isEqualTo(fits ? whole
          : whole.substring(0, whole.offsetByCodePoints(0, LazyBody.OPENING_CHARS)));
      if (recorded.openingComplete()) {
        assertThat(lazy.lead(500)).isEqualTo(eager.lead(500));
      }
    }
  }

  @Test
  void aRestoredOpeningIsMadeOnFirstUseAndCheckedThen() {
    LazyBody one = LazyBody.of(BLOCKS, "k1", counting(BLOCKS));
    AtomicInteger openings = new AtomicInteger();
    LazyBody restored = LazyBody.restore("k1", one.size(), one.hashCode(), () -> {
      openings.incrementAndGet();
      return one.opening();
    }, one.openingComplete(), counting(BLOCKS));
    Article a = Article.builder("a1", "标题").body(restored).build();

    assertThat(restored).isEqualTo(one).hasSize(2);
    assertThat(restored.hashCode()).isEqualTo(BLOCKS.hashCode());
    assertThat(openings).hasValue(0);
    assertThat(a.lead(10)).isEqualTo("近年来，随着网络借贷…");
    assertThat(a.lead(200)).isEqualTo(one.opening());
    assertThat(restored.opening()).isEqualTo(one.opening());
    assertThat(openings).hasValue(1);
    assertThat(reads).hasValue(0);

    LazyBody tooLong = LazyBody.restore("k2", 1, 0, () -> "长".repeat(LazyBody.OPENING_CHARS + 1), false,
        counting(BLOCKS));
    assertThatThrownBy(tooLong::opening).isInstanceOf(IllegalStateException.class)
        .hasMessage("the opening of k2: opening must be at most 160 code points");
  }
}
