package dev.content.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One structural element of an article body: a {@link Paragraph}, a {@link Heading} or an
 * {@link OrderedList}. Each block remembers the source lines it came from, when it came from a file.
 */
public sealed interface Block permits Block.Paragraph, Block.Heading, Block.OrderedList {

  /** The block's text without markup; list items are separated by line breaks. */
  String plainText();

  /** The source lines of this block, or empty for blocks not parsed from a file. */
  java.util.Optional<LineRange> lines();

  /** A paragraph of inline runs. */
  record Paragraph(List<Inline> inlines, java.util.Optional<LineRange> lines) implements Block {
    public Paragraph {
      inlines = List.copyOf(inlines);
      Objects.requireNonNull(lines, "lines must not be null");
    }

    public Paragraph(List<Inline> inlines) {
      this(inlines, java.util.Optional.empty());
    }

    @Override
    public String plainText() {
      return Inline.plainText(inlines);
    }
  }

  /**
   * A section heading, such as {@code 一、法律是怎么规定的} or a Markdown {@code ## heading}.
   *
   * @param level 1 (most important) to 6
   */
  record Heading(int level, List<Inline> inlines, java.util.Optional<LineRange> lines) implements Block {
    public Heading {
      if (level < 1 || level > 6) {
        throw new IllegalArgumentException("heading level must be 1 to 6, was " + level);
      }
      inlines = List.copyOf(inlines);
      Objects.requireNonNull(lines, "lines must not be null");
    }

    @Override
    public String plainText() {
      return Inline.plainText(inlines);
    }
  }

  /** An ordered list, such as the numbered points with a bold lead that advice articles use. */
  record OrderedList(List<ListItem> items, java.util.Optional<LineRange> lines) implements Block {
    public OrderedList {
      items = List.copyOf(items);
      if (items.isEmpty()) {
        throw new IllegalArgumentException("a list needs at least one item");
      }
      Objects.requireNonNull(lines, "lines must not be null");
    }

    @Override
    public String plainText() {
      return items.stream().map(ListItem::plainText).collect(Collectors.joining("\n"));
    }
  }

  /**
   * One point of an ordered list.
   *
   * @param marker the marker as written: {@code 1.}, {@code 1、}, {@code （1）}, {@code (1)}, {@code ①}
   * @param heading the bold lead of the point, empty when the point has none
   * @param text the text after the lead, empty when the point has none
   */
  record ListItem(String marker, List<Inline> heading, List<Inline> text,
      java.util.Optional<LineRange> lines) {
    public ListItem {
      Objects.requireNonNull(marker, "marker must not be null");
      heading = List.copyOf(heading);
      text = List.copyOf(text);
      Objects.requireNonNull(lines, "lines must not be null");
    }

    /** The lead's plain text. */
    public String headingText() {
      return Inline.plainText(heading);
    }

    /** The body's plain text. */
    public String bodyText() {
      return Inline.plainText(text);
    }

    /** Lead and body, separated by a line break when both are present. */
    public String plainText() {
      String h = headingText();
      String b = bodyText();
      return h.isEmpty() ? b : b.isEmpty() ? h : h + "\n" + b;
    }
  }
}
