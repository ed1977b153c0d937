package dev.content.loader.internal;

import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.LineRange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of an article body that a snapshot stores, so that a lazy body is read back from the
 * snapshot and never from the article's file (which may have changed since, or broken).
 *
 * <p>Layout: the block count, then per block its kind (0 paragraph, 1 heading, 2 list), its line range,
 * and its runs (a heading first gives its level; a list gives per item the marker, the lead's runs, the
 * text's runs and the item's lines). Numbers are unsigned varints; a line range is a presence flag then
 * first and last; a run is a flag (strong) then a UTF-8 string (length, bytes). Self-contained: no
 * string table, so that one body decodes alone.
 */
public final class BodyCodec {
  private static final byte PARAGRAPH = 0;
  private static final byte HEADING = 1;
  private static final byte LIST = 2;

  private BodyCodec() {}

  /** The encoded blocks. */
  public static byte[] encode(List<Block> blocks) {
    Out out = new Out();
    out.count(blocks.size());
    for (Block b : blocks) {
      if (b instanceof Block.Paragraph p) {
        out.put(PARAGRAPH);
        out.lines(p.lines());
        out.runs(p.inlines());
      } else if (b instanceof Block.Heading h) {
        out.put(HEADING);
        out.lines(h.lines());
        out.count(h.level());
        out.runs(h.inlines());
      } else {
        Block.OrderedList l = (Block.OrderedList) b;
        out.put(LIST);
        out.lines(l.lines());
        out.count(l.items().size());
        for (Block.ListItem i : l.items()) {
          out.str(i.marker());
          out.runs(i.heading());
          out.runs(i.text());
          out.lines(i.lines());
        }
      }
    }
    return out.bytes();
  }

  /**
   * The blocks encoded in {@code bytes} (from its position to its limit; the buffer itself is not moved).
   *
   * @throws IllegalStateException if the bytes are not an encoded body
   */
  public static List<Block> decode(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    try {
      int n = count(in);
      List<Block> blocks = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        byte kind = in.get();
        Optional<LineRange> lines = lines(in);
        switch (kind) {
          case PARAGRAPH -> blocks.add(new Block.Paragraph(runs(in), lines));
          case HEADING -> {
            int level = count(in);
            blocks.add(new Block.Heading(level, runs(in), lines));
          }
          case LIST -> {
            int items = count(in);
            List<Block.ListItem> list = new ArrayList<>(Math.min(items, 1 << 16));
            for (int j = 0; j < items; j++) {
              String marker = str(in);
              List<Inline> heading = runs(in);
              List<Inline> text = runs(in);
              list.add(new Block.ListItem(marker, heading, text, lines(in)));
            }
            blocks.add(new Block.OrderedList(list, lines));
          }
          default -> throw new IllegalStateException("unknown block kind " + kind);
        }
      }
      if (in.hasRemaining()) {
        throw new IllegalStateException(in.remaining() + " bytes after the last block");
      }
      return blocks;
    } catch (RuntimeException e) {
      throw e instanceof IllegalStateException ? e : new IllegalStateException("malformed body: " + e, e);
    }
  }

  private static List<Inline> runs(ByteBuffer in) {
    int n = count(in);
    if (n == 0) {
      return List.of();
    }
    Inline[] runs = new Inline[n];
    for (int i = 0; i < n; i++) {
      boolean strong = in.get() == 1;
      runs[i] = new Inline(str(in), strong);
    }
    return Arrays.asList(runs);
  }

  private static Optional<LineRange> lines(ByteBuffer in) {
    if (in.get() == 0) {
      return Optional.empty();
    }
    int first = count(in);
    return Optional.of(new LineRange(first, count(in)));
  }

  private static String str(ByteBuffer in) {
    int len = count(in);
    if (in.hasArray()) {
      String s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
      in.position(in.position() + len);
      return s;
    }
    byte[] b = new byte[len];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads an unsigned varint (the numbers of both this format and the snapshot's payload). */
  static int count(ByteBuffer in) {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = in.get();
      v |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (v < 0) {
          throw new IllegalStateException("negative count");
        }
        return v;
      }
    }
    throw new IllegalStateException("malformed number");
  }

  private static final class Out extends ByteSink {
    Out() {
      super(1024);
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }

    void str(String s) {
      utf8(s);
    }

    void runs(List<Inline> runs) {
      count(runs.size());
      for (Inline r : runs) {
        put((byte) (r.strong() ? 1 : 0));
        str(r.text());
      }
    }

    void lines(Optional<LineRange> lines) {
      if (lines.isEmpty()) {
        put((byte) 0);
        return;
      }
      put((byte) 1);
      count(lines.get().first());
      count(lines.get().last());
    }
  }
}
