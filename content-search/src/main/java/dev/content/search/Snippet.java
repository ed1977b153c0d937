package dev.content.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A piece of text with the query's matches marked, in two forms: the plain {@link #text()} with
 * {@link #spans()} for renderers that escape and style themselves (HTML, a terminal), and
 * {@link #marked(String, String)} for a quick plain-text form.
 *
 * <pre>{@code
 * String html = snippet.render(Html::escape, s -> "<mark>" + Html::escape(s) + "</mark>");
 * String tty = snippet.render(s -> s, s -> "\u001b[1m" + s + "\u001b[0m");
 * String txt = snippet.marked("【", "】");
 * }</pre>
 *
 * @param text the text, without markers; starts or ends with {@code …} where it was cut from a longer text
 * @param spans the matched ranges, sorted, not overlapping and not touching
 */
public record Snippet(String text, List<Span> spans) {
  /** The default markers of {@link #marked()}. */
  public static final String OPEN = "【";
  /** The default closing marker of {@link #marked()}. */
  public static final String CLOSE = "】";

  public Snippet {
    Objects.requireNonNull(text, "text must not be null");
    spans = List.copyOf(spans);
    int last = -1;
    for (Span s : spans) {
      if (s.start() <= last || s.end() > text.length()) {
        throw new IllegalArgumentException("spans must be sorted, apart and inside the text: " + spans);
      }
      last = s.end();
    }
  }

  /** A snippet without marks. */
  public static Snippet plain(String text) {
    return new Snippet(text, List.of());
  }

  /** The text with each span wrapped in {@code open} and {@code close}. */
  public String marked(String open, String close) {
    return render(s -> s, s -> open + s + close);
  }

  /** The text with each span wrapped in {@code 【} and {@code 】}. */
  public String marked() {
    return marked(OPEN, CLOSE);
  }

  /**
   * The text rendered piece by piece: unmarked pieces through {@code plain}, marked ones through
   * {@code marked} (each gets the raw piece, so it can escape it).
   */
  public String render(UnaryOperator<String> plain, UnaryOperator<String> marked) {
    StringBuilder out = new StringBuilder(text.length() + spans.size() * 8);
    for (Segment s : segments()) {
      out.append(s.marked() ? marked.apply(s.text()) : plain.apply(s.text()));
    }
    return out.toString();
  }

  /** The text cut into alternating unmarked and marked pieces, in order, none empty. */
  public List<Segment> segments() {
    List<Segment> out = new ArrayList<>();
    int at = 0;
    for (Span s : spans) {
      if (s.start() > at) {
        out.add(new Segment(text.substring(at, s.start()), false));
      }
      out.add(new Segment(text.substring(s.start(), s.end()), true));
      at = s.end();
    }
    if (at < text.length()) {
      out.add(new Segment(text.substring(at), false));
    }
    return List.copyOf(out);
  }

  /** A piece of a snippet's text. */
  public record Segment(String text, boolean marked) {
    public Segment {
      Objects.requireNonNull(text, "text must not be null");
    }
  }
}
