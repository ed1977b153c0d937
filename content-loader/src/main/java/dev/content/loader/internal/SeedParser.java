package dev.content.loader.internal;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.LineRange;
import dev.content.core.RelatedEntry;
import dev.content.core.Source;
import dev.content.core.Titles;
import dev.content.loader.Diagnostic;
import dev.content.loader.ParseResult;
import dev.content.loader.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses one seed-format page. The format, top to bottom: page title, article heading (usually the same
 * text), body blocks separated by blank lines, a footer ({@code (0)} like count, author,
 * {@code 上一篇 …}/{@code 下一篇 …} times) and a {@code 相关文章} list whose entries are a bulleted title, an
 * indented excerpt and an indented date.
 *
 * <p>The parser is tolerant: every part but the title may be missing or malformed; it then reports a
 * diagnostic and keeps what it can. Only a file without any text, or one that is binary, is rejected.
 */
public final class SeedParser {
  /** Lines are reported at most this often per file; a broken file should not flood the output. */
  static final int MAX_DIAGNOSTICS = 100;
  static final int MAX_BYTES = 32 * 1024 * 1024;

  private static final Pattern LIKES = Pattern.compile("^[(（]\\s*([0-9０-９]{1,9})\\s*[)）]$");
  private static final Pattern RELATED_HEADING = Pattern.compile("^相关(?:文章|阅读|推荐)[:：]?$");
  private static final Pattern BULLET = Pattern.compile("^[•·●▪◦‣*\\-]\\s*");
  private static final String SENTENCE_PUNCTUATION = "。！？，,；;：:!?";

  /**
   * Names the parser's behaviour: change it whenever the same text would parse to a different article,
   * so that digests and snapshots made by an older parser are not trusted.
   */
  public static final String VERSION = "seed-parser 1";

  private final ZoneId zone;
  private final byte[] digestPrefix;

  public SeedParser(ZoneId zone) {
    this.zone = zone;
    this.digestPrefix = (VERSION + "\n" + zone.getId() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Parses raw file bytes; {@code id} comes from the file name. */
  public ParseResult parse(byte[] bytes, String path, String id) {
    Diagnostics d = new Diagnostics(path);
    if (bytes.length > MAX_BYTES) {
      d.error(0, "file is " + bytes.length + " bytes, more than the limit of " + MAX_BYTES
          + "; not a seed-format article");
      return d.result(Optional.empty());
    }
    Encodings.Decoded decoded = Encodings.decode(bytes);
    if (decoded.lossy()) {
      d.error(0, "bytes that are not valid " + decoded.encoding()
          + " were replaced by U+FFFD; re-save the file as UTF-8");
    }
    // Plain UTF-8 text encodes back to the very bytes it came from, so they are hashed as they are.
    byte[] utf8 = decoded.encoding().equals("UTF-8") && !decoded.lossy() ? bytes
        : decoded.text().getBytes(StandardCharsets.UTF_8);
    return parse(decoded.text(), decoded.encoding(), d, id, digest(utf8));
  }

  /** Parses text that is already decoded. */
  public ParseResult parseText(String text, String path, String id) {
    return parse(text, "text", new Diagnostics(path), id, digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The hex SHA-256 of this parser's version, its zone and the decoded text as UTF-8: equal digests
   * mean equal articles (up to the path they were read from).
   */
  private String digest(byte[] utf8Text) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    sha.update(digestPrefix);
    return HexFormat.of().formatHex(sha.digest(utf8Text));
  }

  private ParseResult parse(String text, String encoding, Diagnostics d, String id, String digest) {
    List<String> lines = splitLines(text, d);
    if (lines == null) {
      return d.result(Optional.empty());
    }
    int n = lines.size();
    int titleIdx = nextNonBlank(lines, 0, n);
    if (titleIdx < 0) {
      d.error(0, "file has no text: an article needs at least a title line");
      return d.result(Optional.empty());
    }
    String pageTitle = lines.get(titleIdx).strip();

    // The footer and related list are found from the end, so that the body may contain anything.
    int relatedIdx = -1;
    for (int i = n - 1; i > titleIdx; i--) {
      if (RELATED_HEADING.matcher(lines.get(i).strip()).matches()) {
        relatedIdx = i;
        break;
      }
    }
    int navLimit = relatedIdx >= 0 ? relatedIdx : n;
    int prevIdx = lastStartingWith(lines, "上一篇", titleIdx + 1, navLimit);
    int nextIdx = lastStartingWith(lines, "下一篇", titleIdx + 1, navLimit);
    int firstNav = minPresent(prevIdx, nextIdx, navLimit);
    int likesIdx = -1;
    for (int i = firstNav - 1; i > titleIdx; i--) {
      if (LIKES.matcher(lines.get(i).strip()).matches()) {
        likesIdx = i;
        break;
      }
      if (!lines.get(i).isBlank() && !looksLikeAuthor(lines.get(i).strip())) {
        break;
      }
    }
    int footerStart;
    Optional<String> author = Optional.empty();
    if (likesIdx >= 0) {
      footerStart = likesIdx;
      for (int i = likesIdx + 1; i < firstNav; i++) {
        String s = lines.get(i).strip();
        if (s.isEmpty()) {
          continue;
        }
        if (author.isEmpty()) {
          author = Optional.of(s);
        } else {
          d.warning(i + 1, "unexpected second author line in the footer, ignored: “" + s + "”");
        }
      }
    } else if (firstNav < navLimit) {
      int candidate = previousNonBlank(lines, firstNav - 1, titleIdx + 1);
      int firstAfterTitle = nextNonBlank(lines, titleIdx + 1, n);
      if (candidate > firstAfterTitle && looksLikeAuthor(lines.get(candidate).strip())) {
        author = Optional.of(lines.get(candidate).strip());
        footerStart = candidate;
      } else {
        footerStart = firstNav;
      }
    } else {
      footerStart = navLimit;
    }

    // Heading: the line after the page title when it repeats it (possibly without a site suffix).
    String title = pageTitle;
    int bodyStart = titleIdx + 1;
    int headingIdx = nextNonBlank(lines, titleIdx + 1, footerStart);
    if (headingIdx >= 0 && isHeadingOf(pageTitle, lines.get(headingIdx).strip())) {
      title = lines.get(headingIdx).strip();
      bodyStart = headingIdx + 1;
    } else {
      d.warning(titleIdx + 1, "the page title is not repeated as the article heading on the next line;"
          + " the page title is used as the heading");
    }

    Article.Builder article = Article.builder(id, title).pageTitle(pageTitle);
    author.ifPresent(article::author);
    if (likesIdx >= 0) {
      String digits = java.text.Normalizer.normalize(
          LIKES.matcher(lines.get(likesIdx).strip()).replaceAll("$1"), java.text.Normalizer.Form.NFKC);
      article.likes(Integer.parseInt(digits));
    }
    Optional<OffsetDateTime> prev = navTime(lines, prevIdx, "上一篇", d);
    Optional<OffsetDateTime> next = navTime(lines, nextIdx, "下一篇", d);
    prev.ifPresent(article::previousPostAt);
    next.ifPresent(article::nextPostAt);
    if (prev.isPresent() && next.isPresent() && prev.get().isAfter(next.get())) {
      d.warning(nextIdx + 1, "the 下一篇 time is before the 上一篇 time; the publish window is empty");
    }
    if (likesIdx < 0 && author.isEmpty() && prevIdx < 0 && nextIdx < 0) {
      d.warning(0, "no footer found (like count, author, 上一篇/下一篇 times)");
    }
    for (int i = footerStart; i < navLimit; i++) {
      if (i != likesIdx && i != prevIdx && i != nextIdx && !lines.get(i).isBlank()
          && !(author.isPresent() && lines.get(i).strip().equals(author.get()))) {
        d.warning(i + 1, "unexpected line in the footer, ignored: “" + lines.get(i).strip() + "”");
      }
    }

    List<Block> body = new BodyParser(lines).parse(bodyStart, footerStart);
    if (body.isEmpty()) {
      d.warning(bodyStart <= n ? Math.min(bodyStart + 1, n) : 0, "the article has no body text");
    }
    article.body(body);
    if (relatedIdx >= 0) {
      article.related(related(lines, relatedIdx + 1, n, d));
    }
    article.source(new Source(d.path, encoding, new LineRange(1, Math.max(1, n)), Optional.of(digest)));
    return d.result(Optional.of(article.build()));
  }

  // ---- lines ----

  /** Splits on LF, CRLF or CR; removes control characters (with a warning) and trailing white space. */
  private static List<String> splitLines(String text, Diagnostics d) {
    long junk = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0xFFFD || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1B)) {
        junk++;
      }
    }
    if (junk > 8 && junk * 20 > text.length()) {
      d.error(0, "file looks binary (" + junk + " of " + text.length()
          + " characters are control or invalid bytes); not a seed-format text file");
      return null;
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    int len = text.length();
    for (int i = 0; i <= len; i++) {
      if (i == len || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        lines.add(clean(text.substring(start, i), lines.size() + 1, d));
        if (i < len && text.charAt(i) == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    // A final line break ends the last line rather than starting an empty one.
    if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /**
   * Removes control characters, and terminal escape sequences as a whole (ESC [ … final byte, ESC ] …
   * BEL or ESC \\), so that no article text can move a terminal's cursor or clear its screen.
   */
  private static String clean(String line, int lineNo, Diagnostics d) {
    StringBuilder out = null;
    int removed = 0;
    int sequences = 0;
    int firstColumn = 0;
    int firstChar = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      // Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F.
      boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF';
      if (!control) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(line.length()).append(line, 0, i);
        firstColumn = i + 1;
        firstChar = c;
      }
      int end = c == 0x1B ? escapeSequenceEnd(line, i) : i;
      if (end > i) {
        sequences++;
        i = end;
      } else {
        removed++;
      }
    }
    String result = out == null ? line : out.toString();
    if (removed + sequences > 0) {
      List<String> what = new ArrayList<>();
      if (sequences > 0) {
        what.add(sequences + " terminal escape sequence" + (sequences == 1 ? "" : "s"));
      }
      if (removed > 0) {
        what.add(removed + " control character" + (removed == 1 ? "" : "s"));
      }
      d.add(new Diagnostic(d.path, lineNo, firstColumn, Severity.WARNING, "removed " + String.join(" and ", what)
          + String.format(" (first: U+%04X)", firstChar)));
    }
    return result.stripTrailing();
  }

  /** The index of the last character of the escape sequence starting at {@code esc}, or {@code esc}. */
  private static int escapeSequenceEnd(String line, int esc) {
    if (esc + 1 >= line.length()) {
      return esc;
    }
    char kind = line.charAt(esc + 1);
    if (kind == '[') {
      for (int i = esc + 2; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c >= 0x40 && c <= 0x7E) {
          return i;
        }
        if (c < 0x20 || c > 0x3F) {
          return esc;
        }
      }
      return line.length() - 1;
    }
    if (kind == ']') {
      for (int i = esc + 2; i < line.length(); i++) {
        if (line.charAt(i) == 0x07) {
          return i;
        }
        if (line.charAt(i) == 0x1B && i + 1 < line.length() && line.charAt(i + 1) == '\\') {
          return i + 1;
        }
      }
      return line.length() - 1;
    }
    return kind >= 0x40 && kind <= 0x5F ? esc + 1 : esc;
  }

  private static int nextNonBlank(List<String> lines, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!lines.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static int previousNonBlank(List<String> lines, int from, int floor) {
    for (int i = from; i >= floor; i--) {
      if (!lines.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static int lastStartingWith(List<String> lines, String prefix, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (lines.get(i).strip().startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static int minPresent(int a, int b, int otherwise) {
    int m = otherwise;
    if (a >= 0) {
      m = Math.min(m, a);
    }
    if (b >= 0) {
      m = Math.min(m, b);
    }
    return m;
  }

  /** An author line is a short name, not a sentence or a list point. */
  private static boolean looksLikeAuthor(String s) {
    if (s.isEmpty() || s.codePointCount(0, s.length()) > 30 || Markup.listMarker(s).isPresent()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (SENTENCE_PUNCTUATION.indexOf(s.charAt(i)) >= 0) {
        return false;
      }
    }
    return !LIKES.matcher(s).matches();
  }

  private static boolean isHeadingOf(String pageTitle, String candidate) {
    String a = Titles.normalize(pageTitle);
    String b = Titles.normalize(candidate);
    return !b.isEmpty() && (a.equals(b) || (b.length() >= 2 && (a.startsWith(b) || b.startsWith(a))));
  }

  private Optional<OffsetDateTime> navTime(List<String> lines, int idx, String label, Diagnostics d) {
    if (idx < 0) {
      return Optional.empty();
    }
    String line = lines.get(idx);
    int offset = line.indexOf(label) + label.length();
    String rest = line.substring(offset);
    int lead = 0;
    while (lead < rest.length() && (Character.isWhitespace(rest.charAt(lead)) || rest.charAt(lead) == ':'
        || rest.charAt(lead) == '：')) {
      lead++;
    }
    String value = rest.substring(lead);
    int column = offset + lead + 1;
    try {
      Optional<ChineseDates.Parsed> parsed = ChineseDates.parse(value);
      if (parsed.isEmpty()) {
        d.add(new Diagnostic(d.path, idx + 1, column, Severity.WARNING, label
            + ": expected a time like 2025年9月27日 上午7:19, found “" + value + "”; ignored"));
        return Optional.empty();
      }
      return Optional.of(parsed.get().atTimeOrStartOfDay().atZone(zone).toOffsetDateTime());
    } catch (ChineseDates.InvalidDate e) {
      d.add(new Diagnostic(d.path, idx + 1, column + e.column() - 1, Severity.WARNING,
          label + ": " + e.getMessage() + "; ignored"));
      return Optional.empty();
    }
  }

  // ---- related list ----

  private static List<RelatedEntry> related(List<String> lines, int from, int to, Diagnostics d) {
    List<RelatedEntry> entries = new ArrayList<>();
    EntryDraft current = null;
    for (int i = from; i < to; i++) {
      String raw = lines.get(i);
      if (raw.isBlank()) {
        continue;
      }
      String s = raw.strip();
      var bullet = BULLET.matcher(s);
      boolean isBullet = bullet.lookingAt() && bullet.end() < s.length() && !s.startsWith("**");
      Optional<LocalDate> date = Optional.empty();
      boolean invalidDate = false;
      try {
        date = ChineseDates.parse(s).filter(p -> p.time().isEmpty()).map(ChineseDates.Parsed::date);
      } catch (ChineseDates.InvalidDate e) {
        d.add(new Diagnostic(d.path, i + 1, indentOf(raw) + e.column(), Severity.WARNING,
            "相关文章: " + e.getMessage() + "; kept as excerpt text"));
        invalidDate = true;
      }
      if (isBullet || (indentOf(raw) < 4 && date.isEmpty() && !invalidDate)) {
        if (current != null) {
          entries.add(current.build());
        }
        current = new EntryDraft(isBullet ? s.substring(bullet.end()).strip() : s, i + 1);
      } else if (current == null) {
        d.warning(i + 1, "相关文章: text before the first entry, ignored: “" + s + "”");
      } else if (date.isPresent()) {
        if (current.date != null) {
          d.warning(i + 1, "相关文章: a second date for “" + current.title + "”, ignored");
        } else {
          current.date = date.get();
          current.last = i + 1;
        }
      } else {
        current.excerpt.add(s);
        current.last = i + 1;
      }
    }
    if (current != null) {
      entries.add(current.build());
    }
    return entries;
  }

  private static int indentOf(String raw) {
    int width = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == ' ') {
        width++;
      } else if (c == '\t') {
        width += 4;
      } else if (c == '\u3000') {
        width += 2;
      } else {
        break;
      }
    }
    return width;
  }

  private static final class EntryDraft {
    final String title;
    final int first;
    int last;
    final List<String> excerpt = new ArrayList<>();
    LocalDate date;

    EntryDraft(String title, int line) {
      this.title = title;
      this.first = line;
      this.last = line;
    }

    RelatedEntry build() {
      return new RelatedEntry(title,
          excerpt.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", excerpt)),
          Optional.ofNullable(date), Optional.empty(), lines(first, last));
    }
  }

  // Every block and listing carries its line range, and most ranges are short ones near the top of a
  // file: shared instances (immutable, so sharing is invisible) save two objects per block.
  private static final int SHARED_FIRST_LINES = 1024;
  private static final int SHARED_SPANS = 16;
  @SuppressWarnings("unchecked")
  private static final Optional<LineRange>[] SHARED_RANGES = new Optional[SHARED_FIRST_LINES * SHARED_SPANS];

  /** Whether {@link #lines} shares one instance for this range (short, near the top of a file). */
  static boolean sharesLines(int first, int last) {
    int span = last - first;
    return first >= 1 && first < SHARED_FIRST_LINES && span >= 0 && span < SHARED_SPANS;
  }

  static Optional<LineRange> lines(int first, int last) {
    if (!sharesLines(first, last)) {
      return Optional.of(new LineRange(first, last));
    }
    int slot = first * SHARED_SPANS + (last - first);
    Optional<LineRange> r = SHARED_RANGES[slot];
    if (r == null) {
      // A benign race: two threads may both create one; either is correct (final fields publish safely).
      r = Optional.of(new LineRange(first, last));
      SHARED_RANGES[slot] = r;
    }
    return r;
  }

  // ---- body ----

  /** Turns the body lines into blocks: chunks separated by blank lines, split further at list markers. */
  private static final class BodyParser {
    private final List<String> lines;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Block.ListItem> listItems = new ArrayList<>();
    private Markup.Family listFamily;

    BodyParser(List<String> lines) {
      this.lines = lines;
    }

    List<Block> parse(int from, int to) {
      int i = from;
      while (i < to) {
        if (lines.get(i).isBlank()) {
          i++;
          continue;
        }
        int end = i;
        while (end < to && !lines.get(end).isBlank()) {
          end++;
        }
        chunk(i, end);
        i = end;
      }
      flushList();
      return List.copyOf(blocks);
    }

    private void chunk(int from, int to) {
      if (to - from == 1 && Markup.listMarker(lines.get(from).strip()).isEmpty()) {
        Optional<Markup.HeadingLine> h = Markup.heading(lines.get(from).strip());
        if (h.isPresent()) {
          flushList();
          blocks.add(new Block.Heading(h.get().level(), h.get().inlines(),
              lines(from + 1, from + 1)));
          return;
        }
      }
      int segment = from;
      for (int i = from; i <= to; i++) {
        boolean boundary = i == to || (i > segment && Markup.listMarker(lines.get(i).strip()).isPresent());
        if (boundary) {
          segment(segment, i);
          segment = i;
        }
      }
    }

    private void segment(int from, int to) {
      String first = lines.get(from).strip();
      Optional<Markup.Marker> marker = Markup.listMarker(first);
      Optional<LineRange> range = lines(from + 1, to);
      if (marker.isEmpty()) {
        flushList();
        blocks.add(new Block.Paragraph(Markup.inlines(join(first, from + 1, to)), range));
        return;
      }
      Markup.Marker m = marker.get();
      if (listFamily != null && listFamily != m.family()) {
        flushList();
      }
      listFamily = m.family();
      String rest = first.substring(m.end()).strip();
      List<Inline> heading = List.of();
      String textStart = rest;
      if (rest.startsWith("**")) {
        int close = rest.indexOf("**", 2);
        if (close > 2) {
          heading = List.of(Inline.strong(rest.substring(2, close)));
          textStart = rest.substring(close + 2).strip();
        }
      }
      String text = join(textStart, from + 1, to);
      listItems.add(new Block.ListItem(m.text(), heading, Markup.inlines(text), range));
    }

    private String join(String first, int from, int to) {
      StringBuilder sb = new StringBuilder(first);
      for (int i = from; i < to; i++) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(lines.get(i).strip());
      }
      return sb.toString();
    }

    private void flushList() {
      if (!listItems.isEmpty()) {
        LineRange range = listItems.get(0).lines().orElseThrow()
            .span(listItems.get(listItems.size() - 1).lines().orElseThrow());
        blocks.add(new Block.OrderedList(listItems, lines(range.first(), range.last())));
        listItems.clear();
      }
      listFamily = null;
    }
  }

  // ---- diagnostics ----

  /** Collects a file's diagnostics up to {@link #MAX_DIAGNOSTICS}. */
  private static final class Diagnostics {
    final String path;
    final List<Diagnostic> list = new ArrayList<>();
    int suppressed;

    Diagnostics(String path) {
      this.path = path;
    }

    void add(Diagnostic diagnostic) {
      if (list.size() < MAX_DIAGNOSTICS || diagnostic.isError()) {
        list.add(diagnostic);
      } else {
        suppressed++;
      }
    }

    void error(int line, String message) {
      add(Diagnostic.error(path, line, message));
    }

    void warning(int line, String message) {
      add(Diagnostic.warning(path, line, message));
    }

    ParseResult result(Optional<Article> article) {
      List<Diagnostic> out = new ArrayList<>(list);
      if (suppressed > 0) {
        out.add(Diagnostic.warning(path, 0, suppressed + " more warnings not shown"));
      }
      out.sort(Diagnostic.ORDER);
      return new ParseResult(article, out);
    }
  }
}
