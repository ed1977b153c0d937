package dev.content.loader;

/** Seed-format page text for folder tests: the layout of the real seed file, with a fixed footer. */
final class SeedPages {
  private SeedPages() {}

  /** A page with {@code title}, {@code body} and, unless empty, a {@code 相关文章} block of {@code related}. */
  static String page(String title, String body, String related) {
    return title + "\n\n" + title + "\n\n" + body + "\n\n(0)\nadmin\n上一篇 2025年9月27日 上午7:19\n"
        + "下一篇 2025年9月27日 上午7:33" + (related.isEmpty() ? "" : "\n\n相关文章\n\n" + related);
  }
}
