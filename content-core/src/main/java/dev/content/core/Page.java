package dev.content.core;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items the items on this page
 * @param page the 1-based page number
 * @param pageSize the maximum items on a page
 * @param total the number of items on all pages
 */
public record Page<T>(List<T> items, int page, int pageSize, int total) {
  public Page {
    items = List.copyOf(items);
    if (page < 1 || pageSize < 1 || total < 0) {
      throw new IllegalArgumentException("invalid page " + page + " of size " + pageSize);
    }
  }

  /** The page of {@code all} with this number; past the end it is empty. */
  public static <T> Page<T> of(List<T> all, int page, int pageSize) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, was " + page);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    long from = (long) (page - 1) * pageSize;
    List<T> items = from >= all.size() ? List.of()
        : all.subList((int) from, (int) Math.min(all.size(), from + pageSize));
    return new Page<>(items, page, pageSize, all.size());
  }

  public int pageCount() {
    return Math.max(1, (total + pageSize - 1) / pageSize);
  }

  public boolean hasNext() {
    return page < pageCount();
  }

  public boolean hasPrevious() {
    return page > 1;
  }
}
