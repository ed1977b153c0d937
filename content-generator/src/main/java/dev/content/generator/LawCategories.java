package dev.content.generator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The stable ASCII slugs of the lawrefbook top folders, which are the categories of a generated corpus.
 * Folder names are Chinese; corpus folders, URLs and ground-truth files want ASCII that does not change
 * between runs.
 */
public final class LawCategories {
  private static final Map<String, String> SLUGS = new LinkedHashMap<>();

  static {
    SLUGS.put("宪法", "constitution");
    SLUGS.put("宪法相关法", "constitutional-law");
    SLUGS.put("民法典", "civil-code");
    SLUGS.put("民法商法", "civil-commercial-law");
    SLUGS.put("行政法", "administrative-law");
    SLUGS.put("经济法", "economic-law");
    SLUGS.put("社会法", "social-law");
    SLUGS.put("刑法", "criminal-law");
    SLUGS.put("诉讼与非诉讼程序法", "procedure-law");
    SLUGS.put("行政法规", "administrative-regulations");
    SLUGS.put("部门规章", "departmental-rules");
    SLUGS.put("司法解释", "judicial-interpretations");
    SLUGS.put("案例", "cases");
    SLUGS.put("其他", "other");
  }

  private LawCategories() {}

  /** Every known folder name mapped to its slug, in a stable display order. */
  public static Map<String, String> known() {
    return Map.copyOf(SLUGS);
  }

  /**
   * The slug of a lawrefbook top folder. A folder this class does not know gets {@code cat-} and the
   * hex of its UTF-8 name, which is ASCII and stable too.
   */
  public static String slug(String folderName) {
    Objects.requireNonNull(folderName, "folderName must not be null");
    String known = SLUGS.get(folderName);
    if (known != null) {
      return known;
    }
    StringBuilder hex = new StringBuilder("cat-");
    for (byte b : folderName.getBytes(StandardCharsets.UTF_8)) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }
}
