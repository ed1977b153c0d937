package dev.content.core;

import java.util.Objects;

/**
 * Where an article was read from.
 *
 * @param path the file's path as given to the loader (relative to the corpus folder when loaded from one),
 *     with {@code /} as separator
 * @param encoding the detected encoding, such as {@code UTF-8}, {@code UTF-8 (BOM)}, {@code GB18030}
 *     or {@code UTF-16LE (BOM)}
 * @param lines the lines the article occupied
 */
public record Source(String path, String encoding, LineRange lines) {
  public Source {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(encoding, "encoding must not be null");
    Objects.requireNonNull(lines, "lines must not be null");
  }
}
