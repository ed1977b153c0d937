package dev.content.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The computed related edges of a corpus, held by whoever computed them in whatever form suits them
 * (see {@link Corpus#withComputedRelations(ComputedRelations)}). The graph asks for a source's
 * {@link #targets} when it first needs them (for one article when its list is read, for every source once
 * when a question is about the whole graph: backlinks, edge count, components), and for the
 * {@link Relation}s with their reasons only when a caller reads them; so a large corpus need not keep
 * hundreds of thousands of relations and millions of reasons alive, and a library restoring them from
 * disk creates none of them up front and reads none of them to open.
 *
 * <p>Implementations must be immutable and thread-safe, and {@link #relations} must be cheap: it runs on
 * every read of an article's related list.
 */
public interface ComputedRelations {
  /** No computed edges. */
  ComputedRelations NONE = of(Map.of());

  /**
   * The targets of {@code source}'s computed edges in display order (empty when it has none or is
   * unknown here); the same every time it is asked.
   */
  List<String> targets(String source);

  /**
   * The computed edges of {@code source} (kind {@link Relation.Kind#COMPUTED}, source {@code source}),
   * in display order and to exactly the {@link #targets} of {@code source}.
   */
  List<Relation> relations(String source);

  /**
   * The targets of the computed edges of the article at {@code position} in {@link Corpus#articles()} of
   * the corpus these edges are given to, as positions in that same list, when the implementation holds
   * them that way; {@code null} (the default) makes the graph look up the ids {@link #targets} gives.
   * Either way the targets must be the same.
   */
  default int[] targetPositions(int position) {
    return null;
  }

  /** Edges held as given (source id to edges in display order). */
  static ComputedRelations of(Map<String, List<Relation>> edges) {
    Objects.requireNonNull(edges, "edges must not be null");
    Map<String, List<Relation>> copy = Map.copyOf(edges);
    return new ComputedRelations() {
      @Override
      public List<String> targets(String source) {
        return relations(source).stream().map(Relation::target).toList();
      }

      @Override
      public List<Relation> relations(String source) {
        return copy.getOrDefault(source, List.of());
      }
    };
  }
}
