package dev.content.core;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * An article: either a full article read from a file, or a stub known only from other articles'
 * {@code 相关文章} lists (title, excerpt, date).
 *
 * <pre>{@code
 * Article a = Article.builder("cf47211e9869dcd2", "网贷逾期了如何防止爆通讯录")
 *     .author("admin")
 *     .likes(0)
 *     .addBlock(new Block.Paragraph(List.of(Inline.plain("近年来……"))))
 *     .build();
 * }</pre>
 *
 * @param id the file's hex id for a full article ({@code cf47211e9869dcd2}), {@link Titles#stubId} for a stub
 * @param stub whether only a related listing is known of this article
 * @param title the article heading
 * @param pageTitle the page title (first line of the file), present only where it differs from the heading
 * @param author the author, if the footer names one
 * @param likes the like count of the footer, if present
 * @param previousPostAt the time of the previous post ({@code 上一篇}), if shown
 * @param nextPostAt the time of the next post ({@code 下一篇}), if shown
 * @param date the date a related listing gives for this article, if any
 * @param excerpt the excerpt a related listing gives for this article, if any
 * @param body the structured body; empty for a stub. It may be a {@link LazyBody}, whose blocks are read on
 *     first use (a loader's choice to keep large corpora small in memory); it is immutable either way
 * @param related the {@code 相关文章} entries in page order
 * @param categories category assignments, the primary one first; empty until categories are assigned
 * @param source where the article was read from; empty for a stub or a built article
 */
public record Article(
    String id,
    boolean stub,
    String title,
    Optional<String> pageTitle,
    Optional<String> author,
    OptionalInt likes,
    Optional<OffsetDateTime> previousPostAt,
    Optional<OffsetDateTime> nextPostAt,
    Optional<LocalDate> date,
    Optional<String> excerpt,
    List<Block> body,
    List<RelatedEntry> related,
    List<CategoryAssignment> categories,
    Optional<Source> source) {

  public Article {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(pageTitle, "pageTitle must not be null");
    Objects.requireNonNull(author, "author must not be null");
    Objects.requireNonNull(likes, "likes must not be null");
    Objects.requireNonNull(previousPostAt, "previousPostAt must not be null");
    Objects.requireNonNull(nextPostAt, "nextPostAt must not be null");
    Objects.requireNonNull(date, "date must not be null");
    Objects.requireNonNull(excerpt, "excerpt must not be null");
    Objects.requireNonNull(source, "source must not be null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    // A lazy body is immutable already; copying it would read it.
    body = body instanceof LazyBody ? body : List.copyOf(body);
    related = List.copyOf(related);
    categories = List.copyOf(categories);
    if (stub && !body.isEmpty()) {
      throw new IllegalArgumentException("stub " + id + " cannot have a body");
    }
  }

  /** A builder for a full article. */
  public static Builder builder(String id, String title) {
    return new Builder(id, title, false);
  }

  /** A stub for a title seen only in related listings; its id derives from the title. */
  public static Article stub(String title, Optional<String> excerpt, Optional<LocalDate> date) {
    Builder b = new Builder(Titles.stubId(title), title, true);
    b.excerpt = excerpt;
    b.date = date;
    return b.build();
  }

  /** A builder initialised with this article's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id, title, stub);
    b.pageTitle = pageTitle;
    b.author = author;
    b.likes = likes;
    b.previousPostAt = previousPostAt;
    b.nextPostAt = nextPostAt;
    b.date = date;
    b.excerpt = excerpt;
    b.body = body;
    b.related.addAll(related);
    b.categories.addAll(categories);
    b.source = source;
    return b;
  }

  /**
   * When the article was published as far as the page tells (see {@link PublishWindow}). A stub's
   * window is the whole listed day in {@code zone}.
   */
  public PublishWindow publishWindow(ZoneId zone) {
    if (previousPostAt.isPresent() || nextPostAt.isPresent()) {
      return new PublishWindow(previousPostAt, nextPostAt);
    }
    return date.map(d -> PublishWindow.ofDay(d, zone)).orElse(PublishWindow.UNKNOWN);
  }

  /** This article under another id (the loader uses it to keep clashing file ids apart). */
  public Article withId(String newId) {
    return new Article(newId, stub, title, pageTitle, author, likes, previousPostAt, nextPostAt, date, excerpt,
        body, related, categories, source);
  }

  /**
   * This article without provenance: no source, and no line ranges on blocks and related entries. Two
   * parses of the same content from different files or layouts are equal after this.
   */
  public Article withoutProvenance() {
    List<Block> blocks = body.stream().map(Article::stripLines).toList();
    List<RelatedEntry> entries = related.stream()
        .map(e -> new RelatedEntry(e.title(), e.excerpt(), e.date(), e.targetId(), Optional.empty()))
        .toList();
    return new Article(id, stub, title, pageTitle, author, likes, previousPostAt, nextPostAt, date, excerpt,
        blocks, entries, categories, Optional.empty());
  }

  private static Block stripLines(Block b) {
    if (b instanceof Block.Paragraph p) {
      return new Block.Paragraph(p.inlines(), Optional.empty());
    }
    if (b instanceof Block.Heading h) {
      return new Block.Heading(h.level(), h.inlines(), Optional.empty());
    }
    Block.OrderedList l = (Block.OrderedList) b;
    return new Block.OrderedList(l.items().stream()
        .map(i -> new Block.ListItem(i.marker(), i.heading(), i.text(), Optional.empty())).toList(),
        Optional.empty());
  }

  /** The primary category's slug, if categories were assigned. */
  public Optional<String> primaryCategory() {
    return categories.isEmpty() ? Optional.empty() : Optional.of(categories.get(0).slug());
  }

  /** The body as plain text, blocks separated by blank lines. */
  public String bodyText() {
    return body.stream().map(Block::plainText).collect(Collectors.joining("\n\n"));
  }

  /**
   * A short teaser: the listed excerpt if there is one, else the start of the body cut at
   * {@code maxChars} code points with {@code …} appended when cut.
   */
  public String summary(int maxChars) {
    return excerpt.isPresent() ? excerpt.get() : lead(maxChars);
  }

  /**
   * The start of the body as one line (white space runs folded to one space), cut at {@code maxChars}
   * code points with {@code …} appended when cut. A {@link LazyBody} answers from its recorded opening
   * without reading the body when {@code maxChars} is within {@link LazyBody#OPENING_CHARS}.
   */
  public String lead(int maxChars) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars must not be negative, was " + maxChars);
    }
    String text;
    if (body instanceof LazyBody lazy && (maxChars < LazyBody.OPENING_CHARS || lazy.openingComplete())) {
      // An incomplete opening has OPENING_CHARS code points, more than maxChars: it is cut below.
      text = lazy.opening();
    } else {
      text = collapse(body);
    }
    if (text.codePointCount(0, text.length()) <= maxChars) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxChars)) + "…";
  }

  /** The plain text of blocks on one line, as {@link #lead} cuts it. */
  static String collapse(List<Block> blocks) {
    return blocks.stream().map(Block::plainText).collect(Collectors.joining("\n\n")).replaceAll("\\s+", " ")
        .strip();
  }

  /** Builds {@link Article}s; every setter returns the builder. */
  public static final class Builder {
    private final String id;
    private final String title;
    private final boolean stub;
    private Optional<String> pageTitle = Optional.empty();
    private Optional<String> author = Optional.empty();
    private OptionalInt likes = OptionalInt.empty();
    private Optional<OffsetDateTime> previousPostAt = Optional.empty();
    private Optional<OffsetDateTime> nextPostAt = Optional.empty();
    private Optional<LocalDate> date = Optional.empty();
    private Optional<String> excerpt = Optional.empty();
    private List<Block> body = new ArrayList<>();
    private final List<RelatedEntry> related = new ArrayList<>();
    private final List<CategoryAssignment> categories = new ArrayList<>();
    private Optional<Source> source = Optional.empty();

    private Builder(String id, String title, boolean stub) {
      this.id = Objects.requireNonNull(id, "id must not be null");
      this.title = Objects.requireNonNull(title, "title must not be null");
      this.stub = stub;
    }

    /** The page title; ignored when it equals the heading. */
    public Builder pageTitle(String pageTitle) {
      this.pageTitle = Optional.of(pageTitle).filter(p -> !p.equals(title));
      return this;
    }

    public Builder author(String author) {
      this.author = Optional.of(author);
      return this;
    }

    public Builder likes(int likes) {
      if (likes < 0) {
        throw new IllegalArgumentException("likes must not be negative, was " + likes);
      }
      this.likes = OptionalInt.of(likes);
      return this;
    }

    public Builder previousPostAt(OffsetDateTime time) {
      this.previousPostAt = Optional.of(time);
      return this;
    }

    public Builder nextPostAt(OffsetDateTime time) {
      this.nextPostAt = Optional.of(time);
      return this;
    }

    public Builder date(LocalDate date) {
      this.date = Optional.of(date);
      return this;
    }

    public Builder excerpt(String excerpt) {
      this.excerpt = Optional.of(excerpt);
      return this;
    }

    public Builder addBlock(Block block) {
      Objects.requireNonNull(block, "block must not be null");
      if (!(body instanceof ArrayList)) {
        body = new ArrayList<>(body); // a lazy body, or an article's immutable one from toBuilder()
      }
      body.add(block);
      return this;
    }

    /** The body; a {@link LazyBody} is kept as it is, unread. */
    public Builder body(List<Block> blocks) {
      Objects.requireNonNull(blocks, "blocks must not be null");
      body = blocks instanceof LazyBody ? blocks : new ArrayList<>(blocks);
      return this;
    }

    public Builder addRelated(RelatedEntry entry) {
      related.add(Objects.requireNonNull(entry, "entry must not be null"));
      return this;
    }

    public Builder related(List<RelatedEntry> entries) {
      related.clear();
      related.addAll(entries);
      return this;
    }

    public Builder categories(List<CategoryAssignment> assignments) {
      categories.clear();
      categories.addAll(assignments);
      return this;
    }

    public Builder source(Source source) {
      this.source = Optional.of(source);
      return this;
    }

    public Article build() {
      return new Article(id, stub, title, pageTitle, author, likes, previousPostAt, nextPostAt, date,
          excerpt, body, related, categories, source);
    }
  }
}
