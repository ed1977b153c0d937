package dev.content.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  @Test
  void anIndexIsSearchedWithoutAWriterUntilSomethingChangesAndItsFolderStaysLocked(@TempDir Path dir)
      throws Exception {
    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      store.put(entry("a1", "网贷逾期怎么办"));
      store.commit("first");
    }
    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      assertThat(store.searcher().getIndexReader().numDocs()).isEqualTo(1);
      assertThat(store.stateToken()).hasValue("first");
      assertThatThrownBy(() -> LuceneStore.open(FSDirectory.open(dir), "v1", false))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another process");
      // The first change opens the writer, which takes over the store's lock.
      store.put(entry("a2", "信用卡分期"));
      store.commit("second");
      store.refresh();
      assertThat(store.searcher().getIndexReader().numDocs()).isEqualTo(2);
      assertThatThrownBy(() -> LuceneStore.open(FSDirectory.open(dir), "v1", false))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another process");
    }
    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      assertThat(store.searcher().getIndexReader().numDocs()).isEqualTo(2);
      assertThat(store.stateToken()).hasValue("second");
    }
    // A store closed without writing released the lock too.
    try (FSDirectory d = FSDirectory.open(dir); LuceneStore store = LuceneStore.open(d, "v1", false)) {
      assertThat(store.rebuilt()).isEmpty();
    }
  }

  private static LuceneStore.Entry entry(String id, String title) {
    return new LuceneStore.Entry(id, title, title, false, Optional.empty(), List.of("loans"), "h-" + id, "t-" + id);
  }
}
