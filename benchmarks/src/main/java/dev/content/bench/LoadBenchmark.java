package dev.content.bench;

import dev.content.loader.LoadResult;
import dev.content.loader.SeedLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole folder load with {@link SeedLoader#create()} (both cores): listing, reading, decoding,
 * parsing and building the corpus. One operation = one load of the folder; files/s and MB/s are the
 * corpus size divided by the time (the harness does the division).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LoadBenchmark {
  @Param({"1000", "10000"})
  public int files;

  private Path folder;
  private SeedLoader loader;

  @Setup(Level.Trial)
  public void setUp() {
    folder = Corpora.ensure(files, true);
    loader = SeedLoader.create();
  }

  @Benchmark
  public LoadResult loadFolder() throws IOException {
    return loader.load(folder);
  }
}
