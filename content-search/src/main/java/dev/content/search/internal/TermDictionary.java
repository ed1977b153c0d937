package dev.content.search.internal;

import java.util.Arrays;

/**
 * Terms numbered 0, 1, 2… in the order they were added, stored as one packed character array with an
 * open-addressing hash table: about 10 bytes a two-character term instead of the 60-odd of a
 * {@code String} in a {@code HashMap<String, Integer>}, which at 100,000 articles is most of the heap
 * the similarity statistics took.
 *
 * <p>Built by one thread with {@link #add}; read by many once built (no further adds).
 */
final class TermDictionary {
  private char[] chars;
  private int[] starts;
  private int size;
  private int[] table;

  TermDictionary(int expected) {
    chars = new char[Math.max(16, expected * 3)];
    starts = new int[Math.max(16, expected) + 1];
    table = new int[tableSize(expected)];
  }

  /** A copy that can be extended without changing this dictionary (ids are kept). */
  TermDictionary copy() {
    TermDictionary d = new TermDictionary(0);
    d.chars = Arrays.copyOf(chars, Math.max(chars.length, starts[size] + 16));
    d.starts = Arrays.copyOf(starts, starts.length);
    d.size = size;
    d.table = table.clone();
    return d;
  }

  /** A dictionary of the terms {@link #chars()} and {@link #starts()} of another one gave (same ids). */
  static TermDictionary of(char[] chars, int[] starts) {
    if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] > chars.length) {
      throw new IllegalArgumentException("damaged term dictionary");
    }
    for (int i = 1; i < starts.length; i++) {
      if (starts[i] <= starts[i - 1]) {
        throw new IllegalArgumentException("damaged term dictionary");
      }
    }
    TermDictionary d = new TermDictionary(0);
    d.chars = chars;
    d.starts = starts;
    d.size = starts.length - 1;
    d.table = new int[Math.max(16, tableSize(d.size) / 2)];
    d.rehash();
    return d;
  }

  /** The terms' characters, one after the other (a copy trimmed to the used length). */
  char[] chars() {
    return Arrays.copyOf(chars, starts[size]);
  }

  /** Where each term starts in {@link #chars()}, and where the last one ends (size + 1 values). */
  int[] starts() {
    return Arrays.copyOf(starts, size + 1);
  }

  private static int tableSize(int n) {
    int c = 16;
    while (c < n * 2L) {
      c <<= 1;
    }
    return c;
  }

  int size() {
    return size;
  }

  /** The id of {@code term}, or -1. */
  int find(String term) {
    int mask = table.length - 1;
    for (int slot = mix(term.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int e = table[slot];
      if (e == 0) {
        return -1;
      }
      if (equals(e - 1, term)) {
        return e - 1;
      }
    }
  }

  /** The id of {@code term}, added if it is new. */
  int add(String term) {
    int mask = table.length - 1;
    int slot = mix(term.hashCode()) & mask;
    for (; ; slot = (slot + 1) & mask) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      if (equals(e - 1, term)) {
        return e - 1;
      }
    }
    int id = size++;
    if (size >= starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
    }
    int at = starts[id];
    if (at + term.length() > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, at + term.length()));
    }
    term.getChars(0, term.length(), chars, at);
    starts[id + 1] = at + term.length();
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  /** The term with this id. */
  String term(int id) {
    return new String(chars, starts[id], starts[id + 1] - starts[id]);
  }

  /** The first character of the term with this id. */
  char firstChar(int id) {
    return chars[starts[id]];
  }

  /** Drops the spare capacity once building is over. */
  void trim() {
    chars = Arrays.copyOf(chars, starts[size]);
    starts = Arrays.copyOf(starts, size + 1);
  }

  private boolean equals(int id, String term) {
    int s = starts[id];
    int len = starts[id + 1] - s;
    if (len != term.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (chars[s + i] != term.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    int[] next = new int[table.length * 2];
    int mask = next.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = mix(hash(id)) & mask;
      while (next[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      next[slot] = id + 1;
    }
    table = next;
  }

  /** {@link String#hashCode()} of the term, computed without making the string. */
  private int hash(int id) {
    int h = 0;
    for (int i = starts[id]; i < starts[id + 1]; i++) {
      h = 31 * h + chars[i];
    }
    return h;
  }

  private static int mix(int h) {
    return (h ^ (h >>> 16)) * 0x45d9f3b;
  }

  /** Bytes held, for memory reports. */
  long bytes() {
    return 2L * chars.length + 4L * starts.length + 4L * table.length + 48;
  }
}
