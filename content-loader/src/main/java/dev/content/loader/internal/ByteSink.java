package dev.content.loader.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing byte array with the primitive writers that the snapshot and the bodies it stores share:
 * unsigned varints (read back by {@link BodyCodec#count}), fixed-width big-endian numbers and UTF-8
 * strings prefixed by their length.
 */
class ByteSink {
  byte[] buf;
  int size;

  ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  private void room(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  final void put(byte b) {
    room(1);
    buf[size++] = b;
  }

  final void putInt(int v) {
    room(4);
    ByteBuffer.wrap(buf, size, 4).putInt(v);
    size += 4;
  }

  final void putLong(long v) {
    room(8);
    ByteBuffer.wrap(buf, size, 8).putLong(v);
    size += 8;
  }

  final void count(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative count " + v);
    }
    while (v >= 0x80) {
      put((byte) (v | 0x80));
      v >>>= 7;
    }
    put((byte) v);
  }

  /** {@code n} bytes of {@code bytes} as they are. */
  final void bytes(byte[] bytes, int n) {
    room(n);
    System.arraycopy(bytes, 0, buf, size, n);
    size += n;
  }

  /** The string as its UTF-8 length, then its bytes. */
  final void utf8(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    count(utf8.length);
    room(utf8.length);
    System.arraycopy(utf8, 0, buf, size, utf8.length);
    size += utf8.length;
  }
}
