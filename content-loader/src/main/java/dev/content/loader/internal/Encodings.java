package dev.content.loader.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Detects a file's encoding from its bytes (never from its name) and decodes it.
 *
 * <p>Order: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); otherwise strict UTF-8 is tried,
 * then strict GB18030 (a superset of GBK and GB2312, the encodings Chinese Windows tools write). Bytes
 * valid in neither are decoded as UTF-8 with replacement characters and reported.
 */
public final class Encodings {
  private static final Charset GB18030 = Charset.forName("GB18030");

  private Encodings() {}

  /**
   * A decoded text.
   *
   * @param text the characters, without the byte-order mark
   * @param encoding the encoding's display name, e.g. {@code UTF-8 (BOM)}
   * @param lossy whether some bytes were invalid and replaced by U+FFFD
   */
  public record Decoded(String text, String encoding, boolean lossy) {}

  public static Decoded decode(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return strictOrLossy(bytes, 3, StandardCharsets.UTF_8, "UTF-8 (BOM)");
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return strictOrLossy(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE (BOM)");
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return strictOrLossy(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE (BOM)");
    }
    // The JDK's String constructor is much faster than a CharsetDecoder; it replaces invalid input
    // with U+FFFD, so only text containing U+FFFD needs the strict check.
    String fast = new String(bytes, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return new Decoded(fast, "UTF-8", false);
    }
    try {
      return new Decoded(strict(bytes, 0, StandardCharsets.UTF_8), "UTF-8", false);
    } catch (CharacterCodingException notUtf8) {
      try {
        return new Decoded(strict(bytes, 0, GB18030), "GB18030", false);
      } catch (CharacterCodingException notGb) {
        return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8", true);
      }
    }
  }

  private static Decoded strictOrLossy(byte[] bytes, int offset, Charset cs, String name) {
    try {
      return new Decoded(strict(bytes, offset, cs), name, false);
    } catch (CharacterCodingException e) {
      return new Decoded(new String(bytes, offset, bytes.length - offset, cs), name, true);
    }
  }

  private static String strict(byte[] bytes, int offset, Charset cs) throws CharacterCodingException {
    CharsetDecoder decoder = cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
    return chars.toString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
