package dev.content.bench;

import dev.content.loader.ParseResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing alone, on one thread, from bytes already in memory: what one core does per file without
 * I/O, file listing or corpus building. One operation = one file (the average over the 1,000 files
 * of the 1k corpus).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {
  static final int FILES = 1000;

  private List<byte[]> files;
  private List<String> names;
  private SeedLoader loader;

  @Setup(Level.Trial)
  public void setUp() {
    Path dir = Corpora.ensure(FILES, true);
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> paths = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      files = paths.stream().map(ParseBenchmark::read).toList();
      names = paths.stream().map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loader = SeedLoader.create();
  }

  @Benchmark
  @OperationsPerInvocation(FILES)
  public void parseFile(Blackhole bh) {
    for (int i = 0; i < FILES; i++) {
      ParseResult r = loader.parse(files.get(i), names.get(i));
      bh.consume(r);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
