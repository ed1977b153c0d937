package dev.content.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable tree of {@link Category categories} of any depth. {@code 未分类}
 * ({@link #UNCATEGORISED}) is always present as the fallback.
 *
 * <pre>{@code
 * Taxonomy t = Taxonomy.of(List.of(
 *     new Category("loans", "网贷", Optional.empty(), "", 1),
 *     new Category("loans-early-repayment", "提前还款", Optional.of("loans"), "", 1)));
 * t.children("loans");   // [提前还款]
 * }</pre>
 */
public final class Taxonomy {
  /** The slug of the fallback category. */
  public static final String UNCATEGORISED = "uncategorized";

  private static final Category FALLBACK =
      new Category(UNCATEGORISED, "未分类", Optional.empty(), "尚未归入任何分类的文章。", Integer.MAX_VALUE);

  private static final Comparator<Category> DISPLAY_ORDER =
      Comparator.comparingInt(Category::order).thenComparing(Category::slug);

  private final ImmutableMap<String, Category> bySlug;
  private final ImmutableMap<String, ImmutableList<Category>> children;
  private final ImmutableList<Category> roots;

  private Taxonomy(Map<String, Category> bySlug) {
    this.bySlug = ImmutableMap.copyOf(bySlug);
    Map<String, List<Category>> kids = new LinkedHashMap<>();
    List<Category> top = new ArrayList<>();
    for (Category c : bySlug.values()) {
      if (c.parent().isPresent()) {
        kids.computeIfAbsent(c.parent().get(), k -> new ArrayList<>()).add(c);
      } else {
        top.add(c);
      }
    }
    ImmutableMap.Builder<String, ImmutableList<Category>> b = ImmutableMap.builder();
    kids.forEach((k, v) -> b.put(k, ImmutableList.sortedCopyOf(DISPLAY_ORDER, v)));
    this.children = b.buildOrThrow();
    this.roots = ImmutableList.sortedCopyOf(DISPLAY_ORDER, top);
  }

  /** A taxonomy holding only {@code 未分类}. */
  public static Taxonomy empty() {
    return of(List.of());
  }

  /**
   * A taxonomy of these categories plus {@code 未分类}.
   *
   * @throws IllegalArgumentException on a duplicate slug, an unknown parent or a cycle
   */
  public static Taxonomy of(Collection<Category> categories) {
    Map<String, Category> bySlug = new LinkedHashMap<>();
    for (Category c : categories) {
      if (bySlug.put(c.slug(), c) != null) {
        throw new IllegalArgumentException("duplicate category slug: " + c.slug());
      }
    }
    bySlug.putIfAbsent(UNCATEGORISED, FALLBACK);
    for (Category c : bySlug.values()) {
      Set<String> seen = new HashSet<>();
      Optional<String> p = c.parent();
      seen.add(c.slug());
      while (p.isPresent()) {
        Category parent = bySlug.get(p.get());
        if (parent == null) {
          throw new IllegalArgumentException("category " + c.slug() + " has unknown parent " + p.get());
        }
        if (!seen.add(parent.slug())) {
          throw new IllegalArgumentException("category " + c.slug() + " is part of a parent cycle");
        }
        p = parent.parent();
      }
    }
    return new Taxonomy(bySlug);
  }

  /** This taxonomy with more categories added (existing slugs are kept as they are). */
  public Taxonomy plus(Collection<Category> more) {
    Map<String, Category> all = new LinkedHashMap<>(bySlug);
    for (Category c : more) {
      all.putIfAbsent(c.slug(), c);
    }
    return of(all.values());
  }

  public Optional<Category> get(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  /**
   * The category with this slug.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Category require(String slug) {
    Category c = bySlug.get(Objects.requireNonNull(slug, "slug must not be null"));
    if (c == null) {
      throw new IllegalArgumentException("unknown category: " + slug);
    }
    return c;
  }

  /**
   * The category with this slug, else the first (in display order) with this name after
   * {@link Titles#normalize}: what a reader typing {@code 征信} or {@code credit-report} means.
   */
  public Optional<Category> find(String slugOrName) {
    Objects.requireNonNull(slugOrName, "slugOrName must not be null");
    Category c = bySlug.get(slugOrName);
    if (c != null) {
      return Optional.of(c);
    }
    String key = Titles.normalize(slugOrName);
    return all().stream().filter(x -> Titles.normalize(x.name()).equals(key)).findFirst();
  }

  public boolean contains(String slug) {
    return bySlug.containsKey(slug);
  }

  /** Top-level categories in display order. */
  public List<Category> roots() {
    return roots;
  }

  /** Direct children in display order; empty for a leaf. */
  public List<Category> children(String slug) {
    require(slug);
    return children.getOrDefault(slug, ImmutableList.of());
  }

  /** The chain from this category up to its root, starting with the category itself. */
  public List<Category> pathToRoot(String slug) {
    List<Category> path = new ArrayList<>();
    Optional<Category> c = Optional.of(require(slug));
    while (c.isPresent()) {
      path.add(c.get());
      c = c.get().parent().map(bySlug::get);
    }
    return List.copyOf(path);
  }

  /** The category and all its descendants, depth first in display order. */
  public List<Category> subtree(String slug) {
    List<Category> out = new ArrayList<>();
    collect(require(slug), out);
    return List.copyOf(out);
  }

  private void collect(Category c, List<Category> out) {
    out.add(c);
    for (Category child : children.getOrDefault(c.slug(), ImmutableList.of())) {
      collect(child, out);
    }
  }

  /** Every category, depth first in display order. */
  public List<Category> all() {
    List<Category> out = new ArrayList<>();
    for (Category r : roots) {
      collect(r, out);
    }
    return List.copyOf(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Taxonomy t && t.bySlug.equals(bySlug);
  }

  @Override
  public int hashCode() {
    return bySlug.hashCode();
  }

  @Override
  public String toString() {
    return "Taxonomy" + bySlug.keySet();
  }
}
