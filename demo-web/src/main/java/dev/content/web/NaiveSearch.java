package dev.content.web;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.Corpus;
import dev.content.core.Titles;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stand-in {@link SiteSearch} that scans titles, excerpts and bodies for the query's words (the
 * whitespace-separated parts). It exists only until content-search's Lucene index is merged into this
 * branch; it has no ranking model beyond counting matches, title matches weighing three times more.
 */
final class NaiveSearch implements SiteSearch {
  private static final int SNIPPET_CHARS = 90;

  private final Corpus corpus;
  private final List<Doc> docs;

  private record Doc(Article article, String title, String text) {}

  NaiveSearch(Corpus corpus) {
    this.corpus = corpus;
    List<Doc> d = new ArrayList<>();
    for (Article a : corpus.articles()) {
      String text = a.stub() ? a.excerpt().orElse("") : a.bodyText();
      d.add(new Doc(a, fold(a.title()), fold(text)));
    }
    this.docs = List.copyOf(d);
  }

  @Override
  public Results search(String query, Optional<String> category, int page, int pageSize) {
    List<String> terms = terms(query);
    if (terms.isEmpty()) {
      return new Results(0, List.of(), Map.of());
    }
    Set<String> within = new HashSet<>();
    category.ifPresent(slug -> corpus.taxonomy().subtree(slug).forEach(c -> within.add(c.slug())));
    record Scored(Doc doc, double score) {}
    List<Scored> scored = new ArrayList<>();
    Map<String, Integer> facets = new TreeMap<>();
    for (Doc d : docs) {
      double score = 0;
      boolean all = true;
      for (String t : terms) {
        int inTitle = count(d.title, t);
        int inText = count(d.text, t);
        if (inTitle + inText == 0) {
          all = false;
          break;
        }
        score += 3.0 * inTitle + Math.log1p(inText);
      }
      if (!all) {
        continue;
      }
      for (CategoryAssignment c : d.article.categories()) {
        facets.merge(c.slug(), 1, Integer::sum);
      }
      if (!within.isEmpty()
          && d.article.categories().stream().noneMatch(c -> within.contains(c.slug()))) {
        continue;
      }
      scored.add(new Scored(d, score));
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> -s.score).thenComparing(s -> s.doc.article.id()));
    long from = (long) (page - 1) * pageSize;
    List<Hit> hits = new ArrayList<>();
    for (long i = from; i < Math.min(scored.size(), from + pageSize); i++) {
      Scored s = scored.get((int) i);
      Article a = s.doc.article;
      String text = a.stub() ? a.excerpt().orElse("") : a.bodyText().replaceAll("\\s+", " ");
      hits.add(new Hit(a, s.score, mark(a.title(), terms), mark(fragment(text, terms), terms)));
    }
    return new Results(scored.size(), hits, facets);
  }

  @Override
  public List<Article> suggest(String prefix, int limit) {
    String p = fold(prefix).strip();
    if (p.isEmpty()) {
      return List.of();
    }
    Set<Article> starts = new LinkedHashSet<>();
    Set<Article> contains = new LinkedHashSet<>();
    for (Doc d : docs) {
      String key = Titles.normalize(d.article.title());
      String np = Titles.normalize(p);
      if (key.startsWith(np)) {
        starts.add(d.article);
      } else if (key.contains(np)) {
        contains.add(d.article);
      }
    }
    List<Article> out = new ArrayList<>(starts);
    out.addAll(contains);
    return out.subList(0, Math.min(limit, out.size()));
  }

  @Override
  public String state() {
    return "ready (interim substring scan)";
  }

  @Override
  public int documents() {
    return docs.size();
  }

  private static List<String> terms(String query) {
    List<String> out = new ArrayList<>();
    for (String t : fold(query).split("[\\s\\p{Punct}，。、？！：；“”‘’（）《》]+")) {
      if (!t.isBlank() && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static int count(String hay, String needle) {
    int n = 0;
    for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  /** A window of the text around the first match; NFKC keeps CJK text the same length here. */
  private static String fragment(String text, List<String> terms) {
    String folded = fold(text);
    int first = -1;
    for (String t : terms) {
      int i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) {
        first = i;
      }
    }
    if (folded.length() != text.length() || first < 0) {
      first = 0;
    }
    int start = Math.max(0, first - SNIPPET_CHARS / 3);
    int end = Math.min(text.length(), start + SNIPPET_CHARS);
    return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
  }

  private static List<Segment> mark(String text, List<String> terms) {
    String folded = fold(text);
    if (folded.length() != text.length()) {
      return List.of(new Segment(text, false));
    }
    boolean[] hit = new boolean[text.length()];
    for (String t : terms) {
      for (int i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + 1)) {
        for (int j = i; j < i + t.length(); j++) {
          hit[j] = true;
        }
      }
    }
    List<Segment> out = new ArrayList<>();
    int runStart = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || hit[i] != hit[runStart]) {
        out.add(new Segment(text.substring(runStart, i), hit[runStart]));
        runStart = i;
      }
    }
    return out;
  }
}
