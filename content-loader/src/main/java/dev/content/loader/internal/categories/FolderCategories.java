package dev.content.loader.internal.categories;

import dev.content.core.Category;
import dev.content.core.Taxonomy;
import dev.content.core.Titles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the folders of a corpus to categories: {@code loans/jiebei/x.txt} belongs to {@code jiebei}
 * under {@code loans}. A folder matches a category by slug, else by name (after {@link Titles#normalize});
 * a folder that the taxonomy does not name becomes a category of its own, with the folder name as slug
 * and name, under the category of the enclosing folder.
 */
public final class FolderCategories {
  /** Display order of categories made from folders: after the taxonomy's own, alphabetical among themselves. */
  public static final int FOLDER_ORDER = 1000;

  private final Map<String, Category> bySlug = new LinkedHashMap<>();
  private final Map<String, String> slugByName = new HashMap<>();
  private final Map<String, Optional<String>> slugByFolder = new HashMap<>();
  private final List<Category> created = new ArrayList<>();
  private final List<Warning> warnings = new ArrayList<>();

  /** A folder that maps to a category placed elsewhere in the taxonomy. */
  public record Warning(String folder, String message) {}

  public FolderCategories(Taxonomy taxonomy) {
    for (Category c : taxonomy.all()) {
      bySlug.put(c.slug(), c);
      slugByName.putIfAbsent(Titles.normalize(c.name()), c.slug());
    }
  }

  /**
   * The category of the folder holding a file, creating categories for unknown folders.
   *
   * @param path the file path relative to the corpus folder, with {@code /} separators
   * @return the category slug, empty for a file at the top of the corpus
   */
  public Optional<String> categoryOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : folder(path.substring(0, slash));
  }

  private Optional<String> folder(String dir) {
    Optional<String> known = slugByFolder.get(dir);
    if (known != null) {
      return known;
    }
    int slash = dir.lastIndexOf('/');
    Optional<String> parent = slash < 0 ? Optional.empty() : folder(dir.substring(0, slash));
    String name = dir.substring(slash + 1);
    Optional<String> result;
    if (name.isBlank() || name.equals(".") || name.equals("..")) {
      result = parent;
    } else if (bySlug.containsKey(name)) {
      result = Optional.of(name);
      noteParentMismatch(dir, name, parent);
    } else if (slugByName.containsKey(Titles.normalize(name))) {
      String slug = slugByName.get(Titles.normalize(name));
      result = Optional.of(slug);
      noteParentMismatch(dir, slug, parent);
    } else {
      Category c = new Category(name, name, parent, "", FOLDER_ORDER);
      bySlug.put(name, c);
      created.add(c);
      result = Optional.of(name);
    }
    slugByFolder.put(dir, result);
    return result;
  }

  private void noteParentMismatch(String dir, String slug, Optional<String> folderParent) {
    Optional<String> taxonomyParent = bySlug.get(slug).parent();
    if (folderParent.isPresent() && !folderParent.equals(taxonomyParent)) {
      warnings.add(new Warning(dir + "/", "folder maps to category " + slug + ", whose parent is "
          + taxonomyParent.orElse("(none)") + ", not " + folderParent.get()));
    }
  }

  /** The categories made from folders the taxonomy does not name, in order of discovery. */
  public List<Category> created() {
    return List.copyOf(created);
  }

  /** Folders that map to a category placed elsewhere in the taxonomy. */
  public List<Warning> warnings() {
    return List.copyOf(warnings);
  }
}
