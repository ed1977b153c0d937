package dev.content.loader.categories;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryNode;
import dev.content.core.Corpus;
import dev.content.loader.Diagnostic;
import java.util.List;

/** A readable text form of a corpus's categories, compared against expected files. */
public final class CategoryDump {
  private CategoryDump() {}

  public static String dump(Corpus corpus, List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder("tree:\n");
    for (CategoryNode n : corpus.categoryTree()) {
      node(n, 1, sb);
    }
    sb.append("articles:\n");
    for (Article a : corpus.articles()) {
      sb.append("  ").append(a.id()).append(a.stub() ? " (stub) " : " ").append(a.title()).append('\n');
      for (CategoryAssignment c : a.categories()) {
        sb.append("    ").append(c.slug()).append(' ').append(c.source()).append(' ')
            .append(CategoryRules.number(c.score())).append(": ").append(c.reason()).append('\n');
      }
    }
    sb.append("diagnostics:\n");
    for (Diagnostic d : diagnostics) {
      sb.append("  ").append(d).append('\n');
    }
    return sb.toString();
  }

  private static void node(CategoryNode n, int depth, StringBuilder sb) {
    sb.append("  ".repeat(depth)).append(n.category().name()).append(" (").append(n.category().slug())
        .append("): ").append(n.count()).append('\n');
    for (CategoryNode c : n.children()) {
      node(c, depth + 1, sb);
    }
  }
}
