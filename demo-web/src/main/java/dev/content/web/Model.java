package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Block;
import dev.content.core.CategoryNode;
import java.util.List;
import java.util.Map;

/** The view models the templates render; built by {@link Views}, they hold display-ready text only. */
public final class Model {
  private Model() {}

  /** What every page's frame needs. */
  public record Frame(String title, String description, String canonical, String query, String section) {}

  /** An article in a list: title, teaser, date, categories. */
  public record Card(String id, String href, String title, String excerpt, String date, String isoDate,
      boolean stub, List<CatLink> categories) {
    public Card {
      categories = List.copyOf(categories);
    }
  }

  /** A category named on a page, with why the article belongs to it (empty in lists). */
  public record CatLink(String slug, String href, String name, String reason) {}

  /** Numbered pages of a list. */
  public record Pager(int page, int pageCount, int total, String prevHref, String nextHref) {
    public boolean show() {
      return pageCount > 1;
    }
  }

  public record Home(List<Card> cards, Pager pager, int fullCount, int stubCount, List<TreeRow> topCategories) {
    public Home {
      cards = List.copyOf(cards);
      topCategories = List.copyOf(topCategories);
    }
  }

  /** One entry of an article's related list. */
  public record RelatedItem(String title, String href, String excerpt, String date, boolean stub,
      boolean computed, String why) {}

  /** A neighbour in publication order: a link when the article is here, else only the footer time. */
  public record Neighbour(String label, String title, String href, String time) {}

  public record ArticlePage(Article article, String windowText, String isoDate, List<CatLink> categories,
      List<Block> body, Neighbour previous, Neighbour next, List<RelatedItem> related,
      List<Card> backlinks, String jsonLd) {
    public ArticlePage {
      categories = List.copyOf(categories);
      body = List.copyOf(body);
      related = List.copyOf(related);
      backlinks = List.copyOf(backlinks);
    }

    public String author() {
      return article.author().orElse("佚名");
    }

    public String likes() {
      return article.likes().isPresent() ? Integer.toString(article.likes().getAsInt()) : "0";
    }
  }

  /** A category tree node, flattened for the template with its depth. */
  public record TreeRow(String slug, String href, String name, int count, int depth, boolean current) {}

  public record CategoryPage(String slug, String name, String description, List<String> trail,
      List<TreeRow> tree, List<Card> cards, Pager pager) {
    public CategoryPage {
      trail = List.copyOf(trail);
      tree = List.copyOf(tree);
      cards = List.copyOf(cards);
    }
  }

  public record Categories(List<TreeRow> tree, List<CategoryNode> roots) {
    public Categories {
      tree = List.copyOf(tree);
      roots = List.copyOf(roots);
    }
  }

  /** A search hit ready to show. */
  public record Result(String href, List<SiteSearch.Segment> title, List<SiteSearch.Segment> snippet,
      String date, boolean stub, List<CatLink> categories) {
    public Result {
      title = List.copyOf(title);
      snippet = List.copyOf(snippet);
      categories = List.copyOf(categories);
    }
  }

  /** A facet: a category with its hit count, and the link that narrows the search to it. */
  public record Facet(String name, String href, int count, boolean active) {}

  /** @param exact false when {@code total} is a lower bound (a very broad query): shown as "more than". */
  public record SearchPage(String query, String category, String categoryName, int total, boolean exact,
      List<Result> results, List<Facet> facets, Pager pager, String error) {
    public SearchPage {
      results = List.copyOf(results);
      facets = List.copyOf(facets);
    }
  }

  public record NotFound(String message) {}

  public record Graph(int nodes, int edges, List<Map.Entry<String, String>> legend) {
    public Graph {
      legend = List.copyOf(legend);
    }
  }
}
