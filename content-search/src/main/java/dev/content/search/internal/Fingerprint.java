package dev.content.search.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 fed with strings and numbers without building strings: ASCII characters go in as single
 * bytes, the rest of a string with a non-ASCII character as UTF-8, numbers as their decimal digits. The
 * bytes are exactly those of the UTF-8 encoding of the text the calls spell, so a key computed with it
 * equals one computed from that text. A restart computes a few keys over every article; building and
 * encoding strings for them cost more than the hashing.
 *
 * <p>Not thread-safe: one per thread ({@link #get()}).
 */
public final class Fingerprint {
  private static final ThreadLocal<Fingerprint> PER_THREAD = ThreadLocal.withInitial(Fingerprint::new);

  private final MessageDigest md;
  private final byte[] buf = new byte[8192];
  private final char[] digits = new char[20];
  private int n;
  /** Whether anything reached the digest since it was last reset (a reset clears its state arrays). */
  private boolean dirty;

  public Fingerprint() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** This thread's instance, reset. */
  public static Fingerprint get() {
    Fingerprint f = PER_THREAD.get();
    f.reset();
    return f;
  }

  public Fingerprint reset() {
    n = 0;
    if (dirty) {
      md.reset();
      dirty = false;
    }
    return this;
  }

  /** A number as four bytes, big-endian. */
  public Fingerprint addInt(int v) {
    if (n + 4 > buf.length) {
      flush();
    }
    buf[n++] = (byte) (v >>> 24);
    buf[n++] = (byte) (v >>> 16);
    buf[n++] = (byte) (v >>> 8);
    buf[n++] = (byte) v;
    return this;
  }

  public Fingerprint add(String s) {
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        flush();
        dirty = true;
        md.update(s.substring(i).getBytes(StandardCharsets.UTF_8));
        return this;
      }
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) c;
    }
    return this;
  }

  /** An ASCII character. */
  public Fingerprint add(char c) {
    if (c >= 0x80) {
      return add(String.valueOf(c));
    }
    if (n == buf.length) {
      flush();
    }
    buf[n++] = (byte) c;
    return this;
  }

  /** A number as its decimal digits (as {@link Long#toString(long)} writes it). */
  public Fingerprint add(long v) {
    if (v == Long.MIN_VALUE) {
      return add(Long.toString(v));
    }
    if (v < 0) {
      add('-');
      v = -v;
    }
    int at = digits.length;
    do {
      digits[--at] = (char) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = at; i < digits.length; i++) {
      add(digits[i]);
    }
    return this;
  }

  /** Bytes as they are. */
  public Fingerprint add(byte[] bytes) {
    flush();
    dirty = true;
    md.update(bytes);
    return this;
  }

  private void flush() {
    if (n > 0) {
      md.update(buf, 0, n);
      dirty = true;
      n = 0;
    }
  }

  /** The digest of everything added since the last reset; resets. */
  public byte[] digest() {
    flush();
    dirty = false; // digest() resets the state itself
    return md.digest();
  }

  /** The first {@code bytes} bytes of the digest in hex; resets. */
  public String hex(int bytes) {
    return HexFormat.of().formatHex(digest(), 0, bytes);
  }
}
