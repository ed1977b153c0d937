package dev.content.core;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The position of each article id in a corpus's order: an open-addressing table of {@code int}s over
 * the ids, with no boxed numbers and no entry objects. At 100,000 articles a corpus needs this one map
 * where it had three (articles by id, full-article positions and the graph's node numbers), and
 * building it is a fraction of the cost of an {@code ImmutableMap} (one of the larger parts of a
 * restart). Immutable once built; safe to share between threads.
 */
final class IdIndex {
  private final String[] ids;
  /** Position + 1 of the id hashed to each slot, 0 for an empty slot; the length is a power of two. */
  private final int[] slots;
  private final int mask;

  /**
   * An index of {@code ids} by position; the array is kept, not copied, and must not change.
   *
   * @throws IllegalArgumentException if an id occurs twice
   */
  IdIndex(String[] ids) {
    this.ids = ids;
    int capacity = Integer.highestOneBit(Math.max(4, ids.length * 2 - 1)) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < ids.length; i++) {
      String id = ids[i];
      int s = spread(id.hashCode()) & mask;
      while (slots[s] != 0) {
        if (ids[slots[s] - 1].equals(id)) {
          throw new IllegalArgumentException("duplicate article id: " + id);
        }
        s = (s + 1) & mask;
      }
      slots[s] = i + 1;
    }
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9;
  }

  /** The position of {@code id}, or -1 when it is not here. */
  int position(Object id) {
    if (id == null) {
      return -1;
    }
    int s = spread(id.hashCode()) & mask;
    int p;
    while ((p = slots[s]) != 0) {
      if (ids[p - 1].equals(id)) {
        return p - 1;
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  int size() {
    return ids.length;
  }

  /** The id at {@code position}. */
  String id(int position) {
    return ids[position];
  }

  /** The ids in position order: this index's own array, which no one changes (not a copy). */
  String[] ids() {
    return ids;
  }

  /** The ids as an unmodifiable set in position order. */
  java.util.Set<String> asSet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < ids.length;
          }

          @Override
          public String next() {
            if (next >= ids.length) {
              throw new NoSuchElementException();
            }
            return ids[next++];
          }
        };
      }

      @Override
      public int size() {
        return ids.length;
      }

      @Override
      public boolean contains(Object o) {
        return position(o) >= 0;
      }

      @Override
      public Object[] toArray() {
        return Arrays.copyOf(ids, ids.length, Object[].class);
      }

      @Override
      public <T> T[] toArray(T[] a) {
        // One array copy, not an iteration (a reopening library takes the 100,000 ids this way).
        return Arrays.asList(ids).toArray(a);
      }
    };
  }
}
