package dev.content.web;

import dev.content.core.Article;
import dev.content.loader.SeedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes articles as seed files into a folder, as an editor would save them. */
final class SeedsFolder {
  private SeedsFolder() {}

  static Path fileOf(Path folder, Article a) {
    return folder.resolve("000_" + a.id() + ".txt");
  }

  /** Writes the article atomically (temporary file, then rename), like a careful editor. */
  static Path write(Path folder, Article a) throws IOException {
    Path target = fileOf(folder, a);
    Path tmp = folder.resolve(".tmp-" + a.id());
    Files.writeString(tmp, SeedWriter.write(a), StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** A folder with the real seed file and taxonomy plus fixture articles that its related list names. */
  static Path standard(Path folder) throws IOException {
    Path seed = Path.of(System.getProperty("content.project.root", "..")).resolve("seeds")
        .resolve("000_cf47211e9869dcd2.txt");
    Files.copy(seed, folder.resolve(seed.getFileName()));
    Files.copy(seed.resolveSibling("categories.json"), folder.resolve("categories.json"));
    write(folder, Fixtures.credit().toBuilder().categories(java.util.List.of()).build());
    write(folder, Fixtures.fraud().toBuilder().categories(java.util.List.of()).build());
    return folder;
  }

  /** Dates every article file an hour back, as files are that nobody is editing. */
  static void age(Path folder) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minusSeconds(3600)));
      }
    }
  }
}
