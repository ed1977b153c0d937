package dev.content.core;

import java.lang.ref.WeakReference;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An article body whose blocks are produced on first use: an immutable {@code List<Block>} that knows
 * its size, hash code and opening text without its blocks, and asks a supplier (the loader, which decodes
 * them from its corpus snapshot) for the blocks when they are needed.
 *
 * <p>Blocks read for indexed access ({@link #get}) are held through a {@link WeakReference}: they stay
 * while someone uses them and are read again after the next collection, so a corpus of lazy bodies never
 * pins every body in memory. A walk through the blocks (iterator, stream, {@code forEach}) uses them when
 * they are held and otherwise reads them for itself without keeping them (see {@code walk}).
 * Weak, not soft: the JVM keeps softly held objects until the heap is nearly full, so soft bodies
 * that search snippets or pages once read piled up in the old generation (at 1,000 articles about
 * 6 MB, most of the live heap beyond the corpus; at 100,000 they fed concurrent collections under
 * load), while decoding a body again takes microseconds and a site caches what it renders. The class is thread-safe; two threads may both run the supplier once, which is harmless
 * because it yields equal blocks.
 *
 * <p>{@code key} identifies the content: two lazy bodies with the same key are equal without either
 * being read (the loader uses {@link Source#digest()}, which fixes the parsed blocks). Against any
 * other list, equality compares blocks as {@link List#equals} specifies. {@link #hashCode()} is the
 * list hash code of the blocks, recorded when the body was first parsed, and is answered without
 * reading them.
 *
 * <p>If the supplier fails (for instance because it reads a file that changed or vanished since the
 * corpus was loaded) its unchecked exception reaches the caller of {@code get}, {@code iterator} and the
 * like; the supplier's message should name the file.
 */
public final class LazyBody extends AbstractList<Block> implements RandomAccess {
  /** How many code points of the body's opening a lazy body keeps for teasers (see {@link Article#lead}). */
  public static final int OPENING_CHARS = 160;

  private final String key;
  private final int size;
  private final int hash;
  /** The opening, once known: given, or made by {@link #openingSupplier} on first use. */
  private volatile String opening;
  private final Supplier<String> openingSupplier;
  private final boolean openingComplete;
  private final Supplier<List<Block>> supplier;
  private volatile WeakReference<List<Block>> blocks;

  private LazyBody(String key, int size, int hash, String opening, Supplier<String> openingSupplier,
      boolean openingComplete, Supplier<List<Block>> supplier, List<Block> known) {
    this.key = Objects.requireNonNull(key, "key must not be null");
    this.supplier = Objects.requireNonNull(supplier, "supplier must not be null");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    if (opening == null) {
      this.openingSupplier = Objects.requireNonNull(openingSupplier, "opening must not be null");
    } else {
      checkOpening(opening);
      this.opening = opening;
      this.openingSupplier = null;
    }
    this.size = size;
    this.hash = hash;
    this.openingComplete = openingComplete;
    this.blocks = known == null ? null : new WeakReference<>(known);
  }

  /**
   * A lazy body for blocks in hand, which it keeps (weakly) so that uses before the next collection need not read them.
   *
   * @param blocks the body
   * @param key identifies the content: equal keys must mean equal blocks
   * @param supplier gives the same blocks again when the collector dropped them
   */
  public static LazyBody of(List<Block> blocks, String key, Supplier<List<Block>> supplier) {
    List<Block> copy = List.copyOf(blocks);
    StringBuilder opening = new StringBuilder();
    boolean complete = open(copy, opening);
    return new LazyBody(key, copy.size(), copy.hashCode(), opening.toString(), null, complete, supplier, copy);
  }

  /**
   * Appends to {@code out} the first {@link #OPENING_CHARS} code points of {@link Article#collapse} of the
   * blocks without building the whole text (bodies are long, openings short); returns whether that is
   * the whole collapsed text.
   */
  private static boolean open(List<Block> blocks, StringBuilder out) {
    int points = 0;
    boolean space = false;
    for (int b = 0; b < blocks.size(); b++) {
      String text = b == 0 ? blocks.get(b).plainText() : "\n\n" + blocks.get(b).plainText();
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (out.length() == 0 && Character.isWhitespace(cp)) {
          continue; // strip() at the start
        }
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r') {
          space = true; // a run of \\s becomes one space
          continue;
        }
        if (space) {
          out.append(' ');
          points++;
          space = false;
        }
        out.appendCodePoint(cp);
        points++;
        if (points > OPENING_CHARS && !Character.isWhitespace(cp)) {
          // Text beyond the opening that strip() cannot remove: the opening is a cut.
          out.setLength(out.offsetByCodePoints(0, OPENING_CHARS));
          return false;
        }
      }
    }
    // The end: strip() removes trailing white space, which may be more than a folded space.
    int end = out.length();
    while (end > 0 && Character.isWhitespace(out.codePointBefore(end))) {
      end -= Character.charCount(out.codePointBefore(end));
    }
    out.setLength(end);
    if (out.codePointCount(0, end) > OPENING_CHARS) {
      out.setLength(out.offsetByCodePoints(0, OPENING_CHARS));
      return false;
    }
    return true;
  }

  /**
   * A lazy body restored from what {@link #of} recorded ({@link #key()}, {@link #size()},
   * {@link #hashCode()}, {@link #opening()}, {@link #openingComplete()}); nothing is read until used.
   */
  public static LazyBody restore(String key, int size, int hashCode, String opening, boolean openingComplete,
      Supplier<List<Block>> supplier) {
    return new LazyBody(key, size, hashCode, Objects.requireNonNull(opening, "opening must not be null"), null,
        openingComplete, supplier, null);
  }

  /**
   * {@link #restore(String, int, int, String, boolean, Supplier)} with an opening that is made on first
   * use as well: a corpus of 100,000 restored bodies then holds 100,000 suppliers instead of 100,000
   * openings, and a restart decodes none of them. The supplier must give the same text every time
   * (two threads may both call it); if its text is longer than {@link #OPENING_CHARS} code points,
   * {@link #opening()} throws {@link IllegalStateException}.
   */
  public static LazyBody restore(String key, int size, int hashCode, Supplier<String> opening,
      boolean openingComplete, Supplier<List<Block>> supplier) {
    return new LazyBody(key, size, hashCode, null, Objects.requireNonNull(opening, "opening must not be null"),
        openingComplete, supplier, null);
  }

  private static void checkOpening(String opening) {
    if (opening.codePointCount(0, opening.length()) > OPENING_CHARS) {
      throw new IllegalArgumentException("opening must be at most " + OPENING_CHARS + " code points");
    }
  }

  /** What identifies the content (the source digest when the loader made it). */
  public String key() {
    return key;
  }

  /**
   * The start of the body's plain text with white space runs folded to one space, at most
   * {@link #OPENING_CHARS} code points.
   */
  public String opening() {
    String o = opening;
    if (o == null) {
      o = Objects.requireNonNull(openingSupplier.get(), "the opening supplier gave null");
      try {
        checkOpening(o);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the opening of " + key + ": " + e.getMessage(), e);
      }
      opening = o;
    }
    return o;
  }

  /** Whether {@link #opening()} is the whole folded text. */
  public boolean openingComplete() {
    return openingComplete;
  }

  /** Whether the blocks are in memory now (a reading of the moment, for tests and statistics). */
  public boolean isLoaded() {
    return held() != null;
  }

  /** The blocks in memory now, or null. */
  private List<Block> held() {
    WeakReference<List<Block>> ref = blocks;
    return ref == null ? null : ref.get();
  }

  /** The blocks, kept (weakly) for the next uses: what indexed access ({@link #get}) needs. */
  private List<Block> blocks() {
    List<Block> list = held();
    if (list == null) {
      list = read();
      blocks = new WeakReference<>(list);
    }
    return list;
  }

  /**
   * The blocks for one walk through them ({@link #iterator}, {@link #spliterator} and so
   * {@code stream()}, {@code forEach}): those in memory, else read and not kept.
   *
   * <p>Why: a lazy body lives as long as its corpus, in the old generation; keeping the blocks means
   * writing a new {@link WeakReference} into it, and every such write is a card the next young
   * collection scans. A search page reads ten bodies for its snippets, so at 100,000 articles and a
   * thousand searches a second the young pauses scanned about 12,000 cards, 10–12 ms of their 20–25 ms.
   * A walk holds its list while it walks; it needs no cache.
   */
  private List<Block> walk() {
    List<Block> list = held();
    return list != null ? list : read();
  }

  private List<Block> read() {
    List<Block> list = List.copyOf(supplier.get());
    if (list.size() != size) {
      throw new IllegalStateException("the body of " + key + " now has " + list.size() + " blocks, not "
          + size + " as when it was loaded; reload the corpus");
    }
    return list;
  }

  @Override
  public Block get(int index) {
    Objects.checkIndex(index, size);
    return blocks().get(index);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Iterator<Block> iterator() {
    return size == 0 ? List.<Block>of().iterator() : walk().iterator();
  }

  @Override
  public Spliterator<Block> spliterator() {
    // AbstractList's would call get for each block (and so keep them): see walk.
    return size == 0 ? Spliterators.emptySpliterator() : walk().spliterator();
  }

  @Override
  public void forEach(Consumer<? super Block> action) {
    Objects.requireNonNull(action, "action must not be null");
    if (size > 0) {
      walk().forEach(action);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof LazyBody other && other.key.equals(key)) {
      return other.size == size;
    }
    if (!(o instanceof List<?> list) || list.size() != size) {
      return false;
    }
    return size == 0 || blocks().equals(list);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
