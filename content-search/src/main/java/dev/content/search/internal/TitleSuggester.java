package dev.content.search.internal;

import dev.content.core.Article;
import dev.content.core.Titles;
import dev.content.search.Snippet;
import dev.content.search.Span;
import dev.content.search.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Title completion as the reader types: titles starting with the typed text first, then titles
 * containing it. Matching uses {@link Titles#normalize} (NFKC, lower case, no whitespace), so width,
 * case and spaces do not matter. Within each group full articles come before stubs, then shorter
 * titles, then by title.
 */
public final class TitleSuggester {
  private record Entry(String key, Article article) {}

  private static final Comparator<Entry> RANK = Comparator
      .comparing((Entry e) -> e.article().stub())
      .thenComparingInt(e -> e.article().title().length())
      .thenComparing(e -> e.article().title())
      .thenComparing(e -> e.article().id());

  private final List<Article> articles;
  private volatile Entry[] sorted;

  /** A suggester over these articles; the sorted titles are made on the first {@link #suggest}. */
  public TitleSuggester(List<Article> articles) {
    this.articles = articles;
  }

  /** The normalised titles in order, made once (a restart need not pay for them before the first use). */
  private Entry[] sorted() {
    Entry[] s = sorted;
    if (s == null) {
      synchronized (this) {
        s = sorted;
        if (s == null) {
          Entry[] entries = new Entry[articles.size()];
          java.util.stream.IntStream.range(0, entries.length).parallel().forEach(i -> {
            Article a = articles.get(i);
            entries[i] = new Entry(Titles.normalize(a.title()), a);
          });
          java.util.Arrays.parallelSort(entries, (x, y) -> {
            int c = x.key().compareTo(y.key());
            return c != 0 ? c : x.article().id().compareTo(y.article().id());
          });
          sorted = s = entries;
        }
      }
    }
    return s;
  }

  public List<Suggestion> suggest(String typed, int limit) {
    String key = Titles.normalize(typed);
    if (key.isEmpty() || limit <= 0) {
      return List.of();
    }
    Entry[] sorted = sorted();
    List<Entry> prefix = new ArrayList<>();
    int lo = lowerBound(sorted, key);
    for (int i = lo; i < sorted.length && sorted[i].key().startsWith(key); i++) {
      prefix.add(sorted[i]);
    }
    prefix.sort(RANK);
    List<Entry> picked = new ArrayList<>(prefix.subList(0, Math.min(limit, prefix.size())));
    if (picked.size() < limit) {
      Set<String> seen = new HashSet<>();
      prefix.forEach(e -> seen.add(e.article().id()));
      List<Entry> infix = new ArrayList<>();
      for (Entry e : sorted) {
        if (!seen.contains(e.article().id()) && e.key().indexOf(key) > 0) {
          infix.add(e);
        }
      }
      infix.sort(Comparator.comparingInt((Entry e) -> e.key().indexOf(key)).thenComparing(RANK));
      picked.addAll(infix.subList(0, Math.min(limit - picked.size(), infix.size())));
    }
    List<Suggestion> out = new ArrayList<>(picked.size());
    for (Entry e : picked) {
      Article a = e.article();
      out.add(new Suggestion(a.id(), a.title(), a.stub(), highlight(a.title(), key, e.key().indexOf(key))));
    }
    return List.copyOf(out);
  }

  private int lowerBound(Entry[] sorted, String key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].key().compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Maps the match in the normalised title back to the original title's offsets. */
  private static Snippet highlight(String title, String key, int at) {
    int start = -1;
    int end = -1;
    for (int i = 0; i <= title.length(); i++) {
      if (i < title.length() && Character.isLowSurrogate(title.charAt(i))) {
        continue;
      }
      int len = Titles.normalize(title.substring(0, i)).length();
      if (start < 0 && len > at) {
        start = Math.max(0, prevChar(title, i));
      }
      if (start < 0 && len == at && i < title.length() && !Character.isWhitespace(title.charAt(i))) {
        start = i;
      }
      if (len >= at + key.length()) {
        end = i;
        break;
      }
    }
    if (start < 0 || end <= start) {
      return Snippet.plain(title);
    }
    return new Snippet(title, List.of(new Span(start, end)));
  }

  private static int prevChar(String s, int i) {
    return i > 0 && Character.isLowSurrogate(s.charAt(i - 1)) ? i - 2 : i - 1;
  }
}
