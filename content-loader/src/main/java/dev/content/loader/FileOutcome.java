package dev.content.loader;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one {@code *.txt} file of a folder load: every file is accounted for.
 *
 * @param path the file's path relative to the folder, {@code /} separated
 * @param loaded whether it produced an article
 * @param articleId the article's id when loaded
 * @param reason why it was rejected, when not loaded
 */
public record FileOutcome(String path, boolean loaded, Optional<String> articleId, Optional<String> reason) {
  public FileOutcome {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(articleId, "articleId must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    if (loaded == articleId.isEmpty() || loaded == reason.isPresent()) {
      throw new IllegalArgumentException("a loaded file has an id and no reason; a rejected one the opposite");
    }
  }

  static FileOutcome loaded(String path, String id) {
    return new FileOutcome(path, true, Optional.of(id), Optional.empty());
  }

  static FileOutcome rejected(String path, String reason) {
    return new FileOutcome(path, false, Optional.empty(), Optional.of(reason));
  }
}
