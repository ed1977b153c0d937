package dev.content.loader.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives article ids from seed file names ({@code NNN_<16 hex>.txt}). */
public final class FileNames {
  private static final Pattern SEED_NAME = Pattern.compile("^(\\d+)_([0-9a-fA-F]{16})\\.txt$");

  private FileNames() {}

  /**
   * An id and, when the name does not follow the convention, a warning that says which id was used.
   */
  public record Id(String id, Optional<String> warning) {}

  /** The id for a file name (not a path). */
  public static Id idOf(String fileName) {
    Matcher m = SEED_NAME.matcher(fileName);
    if (m.matches()) {
      return new Id(m.group(2).toLowerCase(Locale.ROOT), Optional.empty());
    }
    String stem = fileName.toLowerCase(Locale.ROOT).endsWith(".txt")
        ? fileName.substring(0, fileName.length() - 4) : fileName;
    String id = stem.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", "-")
        .replaceAll("^-+|-+$", "");
    if (id.isEmpty()) {
      id = "file";
    }
    if (id.startsWith("s-")) {
      id = "f" + id; // "s-" is reserved for stubs
    }
    return new Id(id, Optional.of("file name does not match NNN_<16 hex>.txt; the article's id is “"
        + id + "”"));
  }
}
