package dev.content.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Builds the site's URLs from ids and slugs, and checks path parameters before they reach the library. */
public final class Urls {
  /** Article ids are hex file ids or {@code s-} stub ids; anything else cannot name an article. */
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
  /** Category slugs are folder names or taxonomy keys: letters (any script), digits, '-', '_', '.'. */
  private static final Pattern SLUG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,99}");

  private Urls() {}

  public static String article(String id) {
    return "/articles/" + enc(id);
  }

  public static String category(String slug) {
    return "/categories/" + enc(slug);
  }

  public static String categoryPage(String slug, int page) {
    return page <= 1 ? category(slug) : category(slug) + "?page=" + page;
  }

  public static String home(int page) {
    return page <= 1 ? "/" : "/?page=" + page;
  }

  public static String search(String q, String category, int page) {
    StringBuilder b = new StringBuilder("/search?q=").append(enc(q));
    if (category != null && !category.isEmpty()) {
      b.append("&category=").append(enc(category));
    }
    if (page > 1) {
      b.append("&page=").append(page);
    }
    return b.toString();
  }

  /** Whether the text can be an article id at all (a cheap check before any lookup). */
  public static boolean isPlausibleId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** Whether the text can be a category slug at all. */
  public static boolean isPlausibleSlug(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
