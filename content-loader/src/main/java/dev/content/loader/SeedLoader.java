package dev.content.loader;

import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.loader.categories.Categorization;
import dev.content.loader.categories.Categorizer;
import dev.content.core.Titles;
import dev.content.loader.internal.FileNames;
import dev.content.loader.internal.SeedParser;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Loads seed-format files into the content model. Thread-safe and reusable.
 *
 * <pre>{@code
 * LoadResult result = SeedLoader.create().load(Path.of("seeds"));
 * result.diagnostics().forEach(System.err::println);
 * Corpus corpus = result.corpus();
 * }</pre>
 *
 * <p>Parsing never throws on bad content: problems become {@link Diagnostic}s, and a file is rejected
 * (with an error that says why) only when nothing usable is in it. One bad file never costs another
 * its article.
 */
public final class SeedLoader {
  /**
   * The version of the seed-format parser. It is part of every {@link dev.content.core.Source#digest()}
   * the loader computes, and it changes whenever the same text would parse to a different article.
   */
  public static final String PARSER_VERSION = SeedParser.VERSION;

  private final ZoneId zone;
  private final int threads;
  private final SeedParser parser;
  private final LoadProgress progress;

  private SeedLoader(Builder b) {
    this.zone = b.zone;
    this.threads = b.threads;
    this.progress = b.progress;
    this.parser = new SeedParser(zone);
  }

  /** A loader for zone Asia/Shanghai that uses every core for folders. */
  public static SeedLoader create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The zone footer times are read in. */
  public ZoneId zone() {
    return zone;
  }

  /** Parses one file; its id comes from its name. I/O failures become an error diagnostic. */
  public ParseResult parse(Path file) {
    Objects.requireNonNull(file, "file must not be null");
    return parseFile(file, slashes(file.toString()));
  }

  /** Parses a file's bytes (encoding detected); {@code path} names it in diagnostics and gives its id. */
  public ParseResult parse(byte[] bytes, String path) {
    Objects.requireNonNull(bytes, "bytes must not be null");
    Objects.requireNonNull(path, "path must not be null");
    return withNameWarning(parser.parse(bytes, path, idFor(path).id()), path);
  }

  /** Parses already decoded text; {@code path} names it in diagnostics and gives its id. */
  public ParseResult parse(String text, String path) {
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(path, "path must not be null");
    return withNameWarning(parser.parseText(text, path, idFor(path).id()), path);
  }

  /**
   * Loads every {@code *.txt} file under {@code folder} (recursively, skipping hidden folders) in
   * parallel, and resolves their related listings into a {@link Corpus}.
   *
   * <p>Ids come from file names; when two files give the same id, the second (by path) gets
   * {@code -2}, {@code -3}… appended and both are named in a warning. Duplicate titles are warnings
   * too; listings resolve to the first file by path.
   *
   * @throws IOException only if {@code folder} is not a readable folder
   */
  public LoadResult load(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder must not be null");
    if (!Files.isDirectory(folder)) {
      throw new IOException(folder + ": not a folder");
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<TextFile> files = listTextFiles(folder, diagnostics);
    List<ParseResult> parsed = parseAll(folder, files);

    List<FileOutcome> outcomes = new ArrayList<>();
    Map<String, String> pathById = new HashMap<>();
    Map<String, String> pathByTitle = new HashMap<>();
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String path = files.get(i).path();
      ParseResult r = parsed.get(i);
      diagnostics.addAll(r.diagnostics());
      if (r.article().isEmpty()) {
        String reason = r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
            .findFirst().orElse("no article could be read");
        outcomes.add(FileOutcome.rejected(path, reason));
        continue;
      }
      Article a = r.article().get();
      String id = a.id();
      if (pathById.containsKey(id)) {
        int n = 2;
        while (pathById.containsKey(id + "-" + n)) {
          n++;
        }
        String unique = id + "-" + n;
        diagnostics.add(Diagnostic.warning(path, 0, "duplicate id " + id + ", also the id of "
            + pathById.get(id) + "; this article's id is " + unique));
        id = unique;
        a = a.withId(unique);
      }
      pathById.put(id, path);
      String titleKey = Titles.normalize(a.title());
      String other = pathByTitle.putIfAbsent(titleKey, path);
      if (other != null) {
        diagnostics.add(Diagnostic.warning(path, 1, "duplicate title “" + a.title() + "”, also the title of "
            + other + "; related listings resolve to " + other));
      }
      articles.add(a);
      outcomes.add(FileOutcome.loaded(path, id));
    }
    Categorization categorized =
        Categorizer.assign(Corpus.builder().zone(zone).addAll(articles).build(), folder);
    Corpus corpus = categorized.corpus();
    diagnostics.addAll(categorized.diagnostics());
    diagnostics.sort(Diagnostic.ORDER);
    return new LoadResult(corpus, diagnostics, outcomes);
  }

  private List<ParseResult> parseAll(Path folder, List<TextFile> files) throws IOException {
    int total = files.size();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Function<TextFile, ParseResult> parseOne = f -> {
      ParseResult r = parseFile(f.file(), f.path());
      progress.parsed(done.incrementAndGet(), total);
      return r;
    };
    if (threads == 1 || total < 64) {
      return files.stream().map(parseOne).toList();
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> files.parallelStream().map(parseOne).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading " + folder, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("parser failed unexpectedly", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private ParseResult parseFile(Path file, String path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return new ParseResult(Optional.empty(),
          List.of(Diagnostic.error(path, 0, "cannot read file: " + describe(e))));
    } catch (OutOfMemoryError e) {
      return new ParseResult(Optional.empty(), List.of(Diagnostic.error(path, 0, "file too large to read")));
    }
    return withNameWarning(parser.parse(bytes, path, idFor(path).id()), path);
  }

  private static ParseResult withNameWarning(ParseResult r, String path) {
    Optional<String> warning = idFor(path).warning();
    if (warning.isEmpty() || r.article().isEmpty()) {
      return r;
    }
    List<Diagnostic> all = new ArrayList<>(r.diagnostics());
    all.add(Diagnostic.warning(path, 0, warning.get()));
    all.sort(Diagnostic.ORDER);
    return new ParseResult(r.article(), all);
  }

  private static FileNames.Id idFor(String path) {
    int slash = path.lastIndexOf('/');
    return FileNames.idOf(slash >= 0 ? path.substring(slash + 1) : path);
  }

  /** A file to load and its path relative to the folder, which names it everywhere. */
  private record TextFile(Path file, String path) {}

  private static List<TextFile> listTextFiles(Path folder, List<Diagnostic> diagnostics) throws IOException {
    List<TextFile> files = new ArrayList<>();
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return !dir.equals(folder) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")
            && !attrs.isDirectory()) {
          files.add(new TextFile(file, relative(folder, file)));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        if (file.equals(folder)) {
          return FileVisitResult.TERMINATE;
        }
        diagnostics.add(Diagnostic.error(relative(folder, file), 0, "cannot read: " + describe(e)));
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(java.util.Comparator.comparing(TextFile::path));
    return files;
  }

  private static String describe(Exception e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
  }

  private static String relative(Path folder, Path file) {
    return slashes(folder.relativize(file).toString());
  }

  private static String slashes(String path) {
    return path.replace('\\', '/');
  }

  /** Configures a {@link SeedLoader}. */
  public static final class Builder {
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private int threads = Runtime.getRuntime().availableProcessors();
    private LoadProgress progress = LoadProgress.NONE;

    private Builder() {}

    /** The zone in which footer times are read; Asia/Shanghai by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone must not be null");
      return this;
    }

    /** How many threads parse a folder; all cores by default. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Who is told how many files of a folder load have been parsed; nobody by default. */
    public Builder progress(LoadProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress must not be null");
      return this;
    }

    public SeedLoader build() {
      return new SeedLoader(this);
    }
  }
}
