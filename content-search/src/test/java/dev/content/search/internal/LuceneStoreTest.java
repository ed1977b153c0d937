package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneStoreTest {

  @Test
  void startsOverWhenLuceneCannotAppendToAnIndexWhoseLatestCommitReads(@TempDir Path dir) throws Exception {
    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      store.commit("token");
    }
    // An older commit point that is garbage: the latest commit still reads, but the writer's file
    // deleter reads every commit point and refuses this one.
    Files.writeString(dir.resolve("segments_0"), "not a commit", StandardCharsets.UTF_8);

    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      assertThat(store.rebuilt()).as("its latest commit is searched until something is written").isEmpty();
      assertThat(store.stateToken()).hasValue("token");
      store.writable();
      assertThat(store.rebuilt()).hasValueSatisfying(r -> assertThat(r).startsWith("unreadable index"));
      assertThat(store.stateToken()).isEmpty();
      store.commit("after");
    }
    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      assertThat(store.rebuilt()).isEmpty();
      assertThat(store.stateToken()).hasValue("after");
    }
  }
}
