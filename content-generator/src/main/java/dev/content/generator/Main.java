package dev.content.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The command line: {@code java -cp … dev.content.generator.Main --source DIR --count N --out DIR
 * [--seed S] [--folders] [--stub-rate R] [--related K]}. Exit codes: 0 done, 2 usage error or source
 * missing, 1 I/O failure.
 */
public final class Main {
  static final String USAGE = """
      usage: generator --source LAWREFBOOK_DIR --count N --out DIR [--seed S] [--folders]
                       [--stub-rate R] [--related K]
        --source     the lawrefbook folder (holds MANIFEST.tsv), e.g. ../shared/data/lawrefbook
        --count      number of article files to write (1 or more)
        --out        output folder; created if missing, must not hold *.txt files yet
        --seed       seed of every random choice (default 1): same seed, same bytes
        --folders    put files under <category-slug>/ folders
        --stub-rate  share of related entries pointing at titles outside the corpus (default 0.05)
        --related    usual number of related entries per article (default 6)
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command and returns its exit code; never throws for bad input. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path source = null;
    Path target = null;
    Integer count = null;
    CorpusGenerator.Builder options;
    long seed = 1;
    boolean folders = false;
    double stubRate = 0.05;
    int related = 6;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--source" -> source = Path.of(value(args, ++i, a));
          case "--out" -> target = Path.of(value(args, ++i, a));
          case "--count" -> count = Integer.parseInt(value(args, ++i, a).replace("_", ""));
          case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
          case "--folders" -> folders = true;
          case "--stub-rate" -> stubRate = Double.parseDouble(value(args, ++i, a));
          case "--related" -> related = Integer.parseInt(value(args, ++i, a));
          case "-h", "--help" -> {
            out.print(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option: " + a);
        }
      }
      if (source == null || target == null || count == null) {
        throw new IllegalArgumentException("--source, --count and --out are required");
      }
      options = CorpusGenerator.builder(source).count(count).seed(seed).folders(folders)
          .stubRate(stubRate).related(related);
    } catch (NumberFormatException e) {
      err.println("generator: not a number: " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("generator: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      long t0 = System.nanoTime();
      CorpusGenerator gen = options.build();
      GenerationResult r = gen.writeTo(target);
      double s = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "wrote %d files (%.1f MB) in %d categories to %s in %.1f s; ground truth: %s%n",
          r.files(), r.bytes() / 1e6, r.categories().size(), target, s, r.groundTruth());
      return 0;
    } catch (SourceNotFoundException e) {
      err.println("generator: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("generator: " + e.getMessage());
      return 2;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("generator: cannot write " + target + ": " + e.getMessage());
      return 1;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
