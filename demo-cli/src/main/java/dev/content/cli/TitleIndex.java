package dev.content.cli;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Titles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Articles by id prefix and by title prefix (titles folded with {@link Titles#normalize}), for
 * completion and for resolving what the user typed. Built once per corpus: folding 10,000 titles on
 * every Tab would cost tens of milliseconds.
 */
public final class TitleIndex {
  private final NavigableMap<String, List<Article>> byTitle = new TreeMap<>();
  private final NavigableMap<String, Article> byId = new TreeMap<>();

  public TitleIndex(Corpus corpus) {
    for (Article a : corpus.articles()) {
      byTitle.computeIfAbsent(Titles.normalize(a.title()), k -> new ArrayList<>(1)).add(a);
      byId.put(a.id(), a);
    }
  }

  /** Articles whose folded title starts with the folded {@code prefix}, in title order, at most {@code limit}. */
  public List<Article> titlesStartingWith(String prefix, int limit) {
    String p = Titles.normalize(prefix);
    List<Article> out = new ArrayList<>();
    for (Map.Entry<String, List<Article>> e : byTitle.tailMap(p, true).entrySet()) {
      if (!e.getKey().startsWith(p) || out.size() >= limit) {
        break;
      }
      for (Article a : e.getValue()) {
        if (out.size() < limit) {
          out.add(a);
        }
      }
    }
    return out;
  }

  /** Articles whose id starts with {@code prefix} (case-insensitive), at most {@code limit}. */
  public List<Article> idsStartingWith(String prefix, int limit) {
    String p = prefix.toLowerCase(Locale.ROOT);
    List<Article> out = new ArrayList<>();
    for (Map.Entry<String, Article> e : byId.tailMap(p, true).entrySet()) {
      if (!e.getKey().startsWith(p) || out.size() >= limit) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }
}
