package dev.content.cli;

import static dev.content.cli.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.content.cli.Fixtures.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --index}, runs keep a corpus snapshot there; what they print does not change. */
class SnapshotRunsTest {
  @TempDir
  Path tmp;

  private Path seeds() throws IOException {
    Path seeds = Files.createDirectories(tmp.resolve("seeds"));
    try (Stream<Path> files = Files.list(Fixtures.corpus())) {
      for (Path f : files.toList()) {
        Path copy = Files.copy(f, seeds.resolve(f.getFileName()));
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minusSeconds(3600)));
      }
    }
    return seeds;
  }

  @Test
  void runsWithAnIndexFolderKeepASnapshotAndPrintTheSame() throws IOException {
    Path seeds = seeds();
    Path index = tmp.resolve("index");
    Run plain = run("--seeds", seeds.toString(), "check");
    Run plainExport = run("--seeds", seeds.toString(), "export");

    Run first = run("--seeds", seeds.toString(), "--index", index.toString(), "check");
    Run second = run("--seeds", seeds.toString(), "--index", index.toString(), "check");
    Run export = run("--seeds", seeds.toString(), "--index", index.toString(), "export");

    assertThat(index.resolve(App.CORPUS_SNAPSHOT)).isRegularFile();
    assertThat(first.out()).isEqualTo(plain.out()).isNotEmpty();
    assertThat(second.out()).isEqualTo(plain.out());
    assertThat(second.err()).isEqualTo(plain.err());
    // Bodies come back from the files: the export is the same, body text included.
    assertThat(export.out()).isEqualTo(plainExport.out()).contains("\"body\":[{");
  }

  @Test
  void aCorruptSnapshotIsANoteOnStderrAndChangesNothingElse() throws IOException {
    Path seeds = seeds();
    Path index = tmp.resolve("index");
    Run plain = run("--seeds", seeds.toString(), "check");
    run("--seeds", seeds.toString(), "--index", index.toString(), "check");
    Files.writeString(index.resolve(App.CORPUS_SNAPSHOT), "garbage");

    Run r = run("--seeds", seeds.toString(), "--index", index.toString(), "check");

    assertThat(r.out()).isEqualTo(plain.out());
    assertThat(r.err()).contains("note: " + index.resolve(App.CORPUS_SNAPSHOT)
        + ": snapshot ignored, every file parsed again: not a corpus snapshot").contains(plain.err());
  }
}
