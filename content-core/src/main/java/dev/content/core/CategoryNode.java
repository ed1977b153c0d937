package dev.content.core;

import java.util.List;

/**
 * A category in the tree with its article count.
 *
 * @param category the category
 * @param count distinct articles in this category or any descendant (primary or secondary assignment)
 * @param children child nodes in display order
 */
public record CategoryNode(Category category, int count, List<CategoryNode> children) {
  public CategoryNode {
    children = List.copyOf(children);
  }
}
