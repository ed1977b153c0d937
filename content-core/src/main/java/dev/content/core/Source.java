package dev.content.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an article was read from, and a fingerprint of what was read.
 *
 * <p>The {@code digest} lets a consumer (such as a search index) tell that an article's text is unchanged
 * without reading its body: the seed loader sets it to the lower-case hex SHA-256 of the parser version,
 * the zone and the decoded source text (see {@code dev.content.loader.SeedLoader#PARSER_VERSION}), so two
 * sources with equal digests parse to equal articles. Sources built by other means, for instance with
 * the three-argument constructor, carry no digest ({@link Optional#empty()}): a consumer must then treat
 * the article as changed.
 *
 * @param path the file's path as given to the loader (relative to the corpus folder when loaded from one),
 *     with {@code /} as separator
 * @param encoding the detected encoding, such as {@code UTF-8}, {@code UTF-8 (BOM)}, {@code GB18030}
 *     or {@code UTF-16LE (BOM)}
 * @param lines the lines the article occupied
 * @param digest 64 lower-case hex digits of a SHA-256 fingerprint of the text and parser, if known
 */
public record Source(String path, String encoding, LineRange lines, Optional<String> digest) {

  public Source {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(encoding, "encoding must not be null");
    Objects.requireNonNull(lines, "lines must not be null");
    Objects.requireNonNull(digest, "digest must not be null");
    if (digest.isPresent() && !isHexSha256(digest.get())) {
      throw new IllegalArgumentException("digest must be 64 lower-case hex digits, was " + digest.get());
    }
  }

  /** Whether {@code s} is 64 lower-case hex digits (by hand: a restart checks 100,000 of them). */
  private static boolean isHexSha256(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** A source without a digest. */
  public Source(String path, String encoding, LineRange lines) {
    this(path, encoding, lines, Optional.empty());
  }
}
