package dev.content.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.graph.ElementOrder;
import com.google.common.graph.ImmutableValueGraph;
import com.google.common.graph.ValueGraphBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The related-article graph of a {@link Corpus}: a directed graph whose nodes are article ids (full
 * articles and stubs) and whose edges are {@link Relation}s, explicit (from a page's {@code 相关文章})
 * or computed (from content similarity).
 *
 * <p>Vocabulary follows Guava's {@code common.graph}: an unknown node is misuse and throws
 * {@link IllegalArgumentException}; a missing edge is just empty. The graph is an immutable snapshot.
 */
public final class RelatedGraph {
  private final ImmutableMap<String, ImmutableList<Relation>> outgoing;
  private final ImmutableMap<String, ImmutableList<Relation>> incoming;

  RelatedGraph(Collection<String> nodes, Map<String, List<Relation>> edges) {
    Map<String, List<Relation>> in = new LinkedHashMap<>();
    ImmutableMap.Builder<String, ImmutableList<Relation>> out = ImmutableMap.builder();
    for (String n : nodes) {
      in.put(n, new ArrayList<>());
    }
    for (String n : nodes) {
      List<Relation> list = edges.getOrDefault(n, List.of());
      for (Relation r : list) {
        List<Relation> targets = in.get(r.target());
        if (targets == null) {
          throw new IllegalArgumentException("relation " + r.source() + " -> " + r.target()
              + " points outside the graph");
        }
        targets.add(r);
      }
      out.put(n, ImmutableList.copyOf(list));
    }
    this.outgoing = out.buildOrThrow();
    ImmutableMap.Builder<String, ImmutableList<Relation>> inb = ImmutableMap.builder();
    // Sources are visited in node (corpus) order, so each incoming list is already in that order.
    in.forEach((k, v) -> inb.put(k, ImmutableList.copyOf(v)));
    this.incoming = inb.buildOrThrow();
  }

  /** Every node id, in corpus order. */
  public Set<String> nodes() {
    return outgoing.keySet();
  }

  /**
   * The related articles of {@code id}, in display order: explicit edges in page order, then computed
   * edges by descending score.
   */
  public List<Relation> related(String id) {
    return checked(outgoing, id);
  }

  /** The related articles of {@code id} of one kind, in display order. */
  public List<Relation> related(String id, Relation.Kind kind) {
    return related(id).stream().filter(r -> r.kind() == kind).toList();
  }

  /** The ids {@code id} points to, in display order. */
  public List<String> successors(String id) {
    return related(id).stream().map(Relation::target).toList();
  }

  /**
   * The relations pointing at {@code id} (which articles list or resemble it), in corpus order of their
   * sources (oldest first).
   */
  public List<Relation> backlinks(String id) {
    return checked(incoming, id);
  }

  /** The ids pointing at {@code id}, in corpus order. */
  public List<String> predecessors(String id) {
    return backlinks(id).stream().map(Relation::source).toList();
  }

  /** The edge from {@code source} to {@code target}, if there is one. */
  public Optional<Relation> edge(String source, String target) {
    checked(outgoing, target);
    return related(source).stream().filter(r -> r.target().equals(target)).findFirst();
  }

  /** Pairs of articles that list each other, each pair once with the smaller id first. */
  public List<List<String>> reciprocalPairs() {
    List<List<String>> pairs = new ArrayList<>();
    for (Map.Entry<String, ImmutableList<Relation>> e : outgoing.entrySet()) {
      String a = e.getKey();
      for (Relation r : e.getValue()) {
        String b = r.target();
        if (a.compareTo(b) < 0 && edge(b, a).isPresent()) {
          pairs.add(List.of(a, b));
        }
      }
    }
    pairs.sort(Comparator.comparing((List<String> p) -> p.get(0)).thenComparing(p -> p.get(1)));
    return List.copyOf(pairs);
  }

  /**
   * The weakly connected components (edge direction ignored), largest first, ties by smallest id; each
   * component's ids are sorted.
   */
  public List<Set<String>> connectedComponents() {
    Set<String> seen = new HashSet<>();
    List<Set<String>> components = new ArrayList<>();
    for (String start : outgoing.keySet()) {
      if (!seen.add(start)) {
        continue;
      }
      Set<String> component = new java.util.TreeSet<>();
      Deque<String> todo = new ArrayDeque<>();
      todo.add(start);
      while (!todo.isEmpty()) {
        String n = todo.poll();
        component.add(n);
        for (Relation r : outgoing.get(n)) {
          if (seen.add(r.target())) {
            todo.add(r.target());
          }
        }
        for (Relation r : incoming.get(n)) {
          if (seen.add(r.source())) {
            todo.add(r.source());
          }
        }
      }
      components.add(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(component)));
    }
    components.sort(Comparator.comparingInt((Set<String> c) -> -c.size())
        .thenComparing(c -> c.iterator().next()));
    return List.copyOf(components);
  }

  /** The graph as a Guava {@link ImmutableValueGraph}, for algorithms that want one. */
  public ImmutableValueGraph<String, Relation> asValueGraph() {
    var builder = ValueGraphBuilder.directed().allowsSelfLoops(false)
        .nodeOrder(ElementOrder.<String>insertion()).<String, Relation>immutable();
    outgoing.keySet().forEach(builder::addNode);
    outgoing.values().forEach(list -> list.forEach(r -> builder.putEdgeValue(r.source(), r.target(), r)));
    return builder.build();
  }

  /** The number of edges. */
  public int edgeCount() {
    return outgoing.values().stream().mapToInt(List::size).sum();
  }

  private static List<Relation> checked(Map<String, ImmutableList<Relation>> map, String id) {
    List<Relation> list = map.get(Objects.requireNonNull(id, "id must not be null"));
    if (list == null) {
      throw new IllegalArgumentException("unknown article: " + id);
    }
    return list;
  }
}
