package dev.content.generator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link CorpusGenerator#writeTo} wrote.
 *
 * @param folder the corpus folder
 * @param files the number of article files written
 * @param bytes the total size of the article files
 * @param groundTruth the file mapping each id to its category ({@value CorpusGenerator#GROUND_TRUTH})
 * @param categories category slug to Chinese name, for the categories present
 */
public record GenerationResult(Path folder, int files, long bytes, Path groundTruth,
    Map<String, String> categories) {
  public GenerationResult {
    Objects.requireNonNull(folder, "folder must not be null");
    Objects.requireNonNull(groundTruth, "groundTruth must not be null");
    categories = Map.copyOf(categories);
  }
}
