package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryNode;
import dev.content.core.Corpus;
import dev.content.core.Page;
import dev.content.core.RelatedEntry;
import dev.content.core.Relation;
import dev.content.core.Taxonomy;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a snapshot's articles into the display-ready {@link Model}s; no HTML is produced here. */
final class Views {
  static final int PAGE_SIZE = 12;
  private static final int EXCERPT_CHARS = 110;
  /** Colours for top-level categories in the graph, chosen to stay distinct on white. */
  private static final String[] PALETTE = {
      "#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#17a589", "#ca6f1e", "#34495e",
      "#d35400", "#2e86c1"};

  private Views() {}

  static Model.Home home(Snapshot s, int page) {
    Page<Article> p = Page.of(s.newestFirst(), page, PAGE_SIZE);
    List<Model.Card> cards = p.items().stream().map(a -> card(s.corpus(), a)).toList();
    int full = s.corpus().fullArticles().size();
    List<Model.TreeRow> top = tree(s.corpus(), "").stream().filter(r -> r.depth() == 0 && r.count() > 0).toList();
    return new Model.Home(cards, pager(p, Urls::home), full, s.corpus().size() - full, top);
  }

  static Model.Card card(Corpus c, Article a) {
    return new Model.Card(a.id(), Urls.article(a.id()), a.title(), Fmt.teaser(a, EXCERPT_CHARS),
        Fmt.shortDate(a, c.zone()), Fmt.isoDate(a, c.zone()), a.stub(), catLinks(c, a, false));
  }

  static List<Model.CatLink> catLinks(Corpus c, Article a, boolean withReasons) {
    List<Model.CatLink> out = new ArrayList<>();
    for (CategoryAssignment ca : a.categories()) {
      String name = c.taxonomy().get(ca.slug()).map(Category::name).orElse(ca.slug());
      out.add(new Model.CatLink(ca.slug(), Urls.category(ca.slug()), name, withReasons ? reason(ca) : ""));
    }
    return out;
  }

  private static String reason(CategoryAssignment ca) {
    String how = switch (ca.source()) {
      case FOLDER -> "按目录";
      case RULES -> "按规则";
      case NEIGHBOURS -> "按相似文章";
      case FALLBACK -> "未能归类";
    };
    return ca.reason().isBlank() ? how : how + "：" + ca.reason();
  }

  static Model.ArticlePage article(Snapshot s, Article a) {
    Corpus c = s.corpus();
    ZoneId zone = c.zone();
    Model.Neighbour prev = neighbour("上一篇", c.previous(a.id()), a.previousPostAt(), zone);
    Model.Neighbour next = neighbour("下一篇", c.next(a.id()), a.nextPostAt(), zone);
    List<Model.RelatedItem> related = related(c, s.search().related(a.id()), a);
    List<Model.Card> backlinks = c.graph().backlinks(a.id()).stream()
        .filter(r -> r.kind() == Relation.Kind.EXPLICIT)
        .map(r -> card(c, c.require(r.source())))
        .toList();
    return new Model.ArticlePage(a, Fmt.publishWindow(a, zone), Fmt.isoDate(a, zone),
        catLinks(c, a, true), a.body(), prev, next, related, backlinks, Json.jsonLd(a, zone));
  }

  private static Model.Neighbour neighbour(String label, Optional<Article> article,
      Optional<OffsetDateTime> footerTime, ZoneId zone) {
    String time = footerTime.map(t -> Fmt.dateTime(t, zone)).orElse("");
    if (article.isPresent()) {
      Article n = article.get();
      return new Model.Neighbour(label, n.title(), Urls.article(n.id()), time);
    }
    return new Model.Neighbour(label, "", "", time);
  }

  /** The related list as the page showed it, then the computed entries with their reasons. */
  static List<Model.RelatedItem> related(Corpus c, List<Relation> relations, Article a) {
    Map<String, RelatedEntry> listed = new LinkedHashMap<>();
    for (RelatedEntry e : a.related()) {
      e.targetId().ifPresent(id -> listed.putIfAbsent(id, e));
    }
    List<Model.RelatedItem> out = new ArrayList<>();
    for (Relation r : relations) {
      Article t = c.require(r.target());
      RelatedEntry e = listed.get(r.target());
      boolean computed = r.kind() == Relation.Kind.COMPUTED;
      String title = e != null ? e.title() : t.title();
      String excerpt = e != null && e.excerpt().isPresent() ? Fmt.excerpt(e.excerpt().get())
          : Fmt.teaser(t, EXCERPT_CHARS);
      String date = e != null && e.date().isPresent() ? Fmt.date(e.date().get()) : Fmt.shortDate(t, c.zone());
      String href = t.stub() ? "" : Urls.article(t.id());
      out.add(new Model.RelatedItem(title, href, excerpt, date, t.stub(), computed, why(c, r)));
    }
    return out;
  }

  /** Why two articles are related, in words a reader understands. */
  static String why(Corpus c, Relation r) {
    List<String> parts = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    List<String> cats = new ArrayList<>();
    for (Relation.Reason reason : r.reasons()) {
      switch (reason.kind()) {
        case PAGE -> parts.add("原页面相关文章第 " + reason.label() + " 条");
        case SHARED_TERM -> terms.add(reason.label());
        case SHARED_CATEGORY -> cats.add(c.taxonomy().get(reason.label()).map(Category::name)
            .orElse(reason.label()));
      }
    }
    if (!terms.isEmpty()) {
      parts.add("共同关键词：" + String.join("、", terms.subList(0, Math.min(6, terms.size()))));
    }
    if (!cats.isEmpty()) {
      parts.add("同属分类：" + String.join("、", cats));
    }
    if (r.kind() == Relation.Kind.COMPUTED || r.score() > 0) {
      parts.add("相似度 " + Fmt.score(r.score()));
    }
    return String.join(" · ", parts);
  }

  static Optional<Model.CategoryPage> category(Snapshot s, String slug, int page) {
    Corpus c = s.corpus();
    Optional<Category> cat = c.taxonomy().get(slug);
    if (cat.isEmpty()) {
      return Optional.empty();
    }
    Page<Article> p = c.inCategory(slug, true, page, PAGE_SIZE);
    List<String> trail = c.taxonomy().pathToRoot(slug).stream().map(Category::name)
        .collect(Collectors.toCollection(ArrayList::new));
    java.util.Collections.reverse(trail);
    return Optional.of(new Model.CategoryPage(slug, cat.get().name(), cat.get().description(), trail,
        tree(c, slug), p.items().stream().map(a -> card(c, a)).toList(),
        pager(p, n -> Urls.categoryPage(slug, n))));
  }

  static Model.Categories categories(Snapshot s) {
    return new Model.Categories(tree(s.corpus(), ""), s.corpus().categoryTree());
  }

  static List<Model.TreeRow> tree(Corpus c, String current) {
    List<Model.TreeRow> rows = new ArrayList<>();
    for (CategoryNode n : c.categoryTree()) {
      flatten(n, 0, current, rows);
    }
    return rows;
  }

  private static void flatten(CategoryNode n, int depth, String current, List<Model.TreeRow> rows) {
    String slug = n.category().slug();
    rows.add(new Model.TreeRow(slug, Urls.category(slug), n.category().name(), n.count(), depth,
        slug.equals(current)));
    for (CategoryNode child : n.children()) {
      flatten(child, depth + 1, current, rows);
    }
  }

  static Model.SearchPage search(Snapshot s, String q, String category, int page) {
    Corpus c = s.corpus();
    if (q.isBlank()) {
      return new Model.SearchPage(q, category, "", 0, true, List.of(), List.of(), new Model.Pager(1, 1, 0, "", ""), "");
    }
    Optional<String> within = category.isEmpty() ? Optional.empty() : Optional.of(category);
    SiteSearch.Results r = CpuGate.SEARCHES.run(() -> s.search().search(q, within, page, PAGE_SIZE));
    List<Model.Result> results = new ArrayList<>();
    for (SiteSearch.Hit h : r.hits()) {
      Article a = h.article();
      results.add(new Model.Result(Urls.article(a.id()), h.title(), h.snippet(),
          Fmt.shortDate(a, c.zone()), a.stub(), catLinks(c, a, false)));
    }
    List<Model.Facet> facets = new ArrayList<>();
    for (Category cat : c.taxonomy().all()) {
      Integer n = r.facets().get(cat.slug());
      if (n != null && n > 0) {
        boolean active = cat.slug().equals(category);
        facets.add(new Model.Facet(cat.name(), Urls.search(q, active ? "" : cat.slug(), 1), n, active));
      }
    }
    Page<Object> shape = new Page<>(List.of(), page, PAGE_SIZE, r.total());
    String name = within.flatMap(c.taxonomy()::get).map(Category::name).orElse("");
    return new Model.SearchPage(q, category, name, r.total(), r.exact(), results, facets,
        pager(shape, n -> Urls.search(q, category, n)), "");
  }

  static <T> Model.Pager pager(Page<T> p, java.util.function.IntFunction<String> href) {
    return new Model.Pager(p.page(), p.pageCount(), p.total(),
        p.hasPrevious() ? href.apply(p.page() - 1) : "",
        p.hasNext() ? href.apply(p.page() + 1) : "");
  }

  /** A stable colour per top-level category, so a subtree shares its root's colour. */
  static String colour(Taxonomy t, Optional<String> slug) {
    if (slug.isEmpty() || !t.contains(slug.get())) {
      return "#95a5a6";
    }
    List<Category> path = t.pathToRoot(slug.get());
    Category root = path.get(path.size() - 1);
    if (root.slug().equals(Taxonomy.UNCATEGORISED)) {
      return "#95a5a6";
    }
    int i = t.roots().indexOf(root);
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  static Model.Graph graph(Snapshot s) {
    Corpus c = s.corpus();
    List<Map.Entry<String, String>> legend = new ArrayList<>();
    for (Category root : c.taxonomy().roots()) {
      legend.add(Map.entry(root.name(), colour(c.taxonomy(), Optional.of(root.slug()))));
    }
    return new Model.Graph(c.size(), c.graph().edgeCount(), legend);
  }
}
