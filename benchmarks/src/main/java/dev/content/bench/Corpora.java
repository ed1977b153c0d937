package dev.content.bench;

import dev.content.generator.CorpusGenerator;
import dev.content.generator.GenerationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Generated corpora for benchmarks, kept between runs under {@code bench-work/corpora/} (generating
 * 100,000 articles takes a minute). A folder is reused only when its {@code generation.properties}
 * names the same count, seed, layout and generator version.
 *
 * <p>System properties: {@code bench.lawrefbook} (the source, default {@code ../shared/data/lawrefbook}
 * or {@code ../../shared/data/lawrefbook} from the project root, whichever exists), {@code bench.corpora}
 * (default {@code bench-work/corpora} under the project root), {@code bench.root} (the project root,
 * default the working directory).
 */
public final class Corpora {
  /** The seed of every benchmark corpus. */
  public static final long SEED = 1;
  private static final String MARKER = "generation.properties";

  private Corpora() {}

  /** The project root. */
  public static Path root() {
    return Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
  }

  /** The lawrefbook folder; it may not exist (see {@link #ensure}). */
  public static Path lawrefbook() {
    String p = System.getProperty("bench.lawrefbook");
    if (p != null) {
      return Path.of(p).toAbsolutePath().normalize();
    }
    for (String candidate : List.of("../shared/data/lawrefbook", "../../shared/data/lawrefbook")) {
      Path c = root().resolve(candidate).normalize();
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return root().resolve("../shared/data/lawrefbook").normalize();
  }

  /** Where corpora are kept. */
  public static Path store() {
    return Path.of(System.getProperty("bench.corpora", root().resolve("bench-work/corpora").toString()))
        .toAbsolutePath().normalize();
  }

  /** The folder of the corpus of {@code count} articles, generating it first if needed. */
  public static Path ensure(int count, boolean folders) {
    Path dir = store().resolve("n" + count + "-s" + SEED + (folders ? "-folders" : ""));
    Properties wanted = new Properties();
    wanted.setProperty("count", Integer.toString(count));
    wanted.setProperty("seed", Long.toString(SEED));
    wanted.setProperty("folders", Boolean.toString(folders));
    wanted.setProperty("generatorVersion", Integer.toString(CorpusGenerator.VERSION));
    try {
      Path marker = dir.resolve(MARKER);
      if (Files.isRegularFile(marker)) {
        Properties had = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
          had.load(in);
        }
        if (had.entrySet().containsAll(wanted.entrySet())) {
          return dir;
        }
      }
      deleteTree(dir);
      long t0 = System.nanoTime();
      GenerationResult r = CorpusGenerator.builder(lawrefbook()).count(count).seed(SEED).folders(folders)
          .build().writeTo(dir);
      wanted.setProperty("bytes", Long.toString(r.bytes()));
      wanted.setProperty("generationSeconds", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
      try (OutputStream out = Files.newOutputStream(marker)) {
        wanted.store(out, "written by dev.content.bench.Corpora; delete the folder to regenerate");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare corpus " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The total size of the article files of a corpus folder. */
  public static long articleBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".txt")).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a folder and everything in it; nothing happens when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
