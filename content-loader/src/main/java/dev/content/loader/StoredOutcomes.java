package dev.content.loader;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * The file outcomes of a result read from a snapshot, each made when read from the snapshot's file
 * entries, which are decoded in place: a restart that reads none of them pays nothing for 100,000
 * files. Immutable (a read makes a new outcome equal to every earlier one of its position) and
 * thread-safe as its maker is; {@link LoadResult} keeps it as it is instead of copying it.
 */
final class StoredOutcomes extends AbstractList<FileOutcome> implements RandomAccess {
  private final int size;
  private final IntFunction<FileOutcome> outcome;

  StoredOutcomes(int size, IntFunction<FileOutcome> outcome) {
    this.size = size;
    this.outcome = Objects.requireNonNull(outcome, "outcome must not be null");
  }

  @Override
  public FileOutcome get(int index) {
    return outcome.apply(Objects.checkIndex(index, size));
  }

  @Override
  public int size() {
    return size;
  }
}
