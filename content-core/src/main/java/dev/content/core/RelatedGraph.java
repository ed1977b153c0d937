package dev.content.core;

import com.google.common.base.Suppliers;
import com.google.common.graph.ElementOrder;
import com.google.common.graph.ImmutableValueGraph;
import com.google.common.graph.ValueGraphBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The related-article graph of a {@link Corpus}: a directed graph whose nodes are article ids (full
 * articles and stubs) and whose edges are {@link Relation}s, explicit (from a page's {@code 相关文章})
 * or computed (from content similarity).
 *
 * <p>Vocabulary follows Guava's {@code common.graph}: an unknown node is misuse and throws
 * {@link IllegalArgumentException}; a missing edge is just empty. The graph is an immutable snapshot.
 *
 * <p>The structure (who points at whom) is held as node numbers; the {@link Relation} objects with their
 * reasons are made when a list is read, so each call returns a new, equal list. At 100,000 articles that
 * saves the million-odd relations and the millions of reasons a graph would otherwise keep alive. What
 * a reopened library does not read at once is made on first use, once, on whichever thread asks: a
 * node's targets merged with its computed ones, and the backlinks of every node.
 */
public final class RelatedGraph {
  private final IdIndex index;
  /** The node ids in corpus order: the index's own array, never changed. */
  private final String[] nodes;
  /** Each node's page targets (no repeats, never itself): shared by the graphs of one lineage of corpora. */
  private final int[][] explicit;
  /** The computed targets; {@link ComputedRelations#NONE} when a node's targets are its page targets. */
  private final ComputedRelations computed;
  /**
   * Each node's targets, page targets then computed ones, once some question needed every node's (until
   * then a node's are merged when read: a restart reads a few); null until then, and never needed
   * without computed edges.
   */
  private volatile int[][] merged;
  /** Who points at each node, made when first asked for (a restart asks for no backlinks). */
  private final Supplier<Incoming> in = Suppliers.memoize(this::incoming);
  /** {@link #edgeCount()} once counted, -1 before. */
  private volatile int edgeCount = -1;
  private final Function<String, List<Relation>> edges;
  private final Set<String> nodeSet;

  /**
   * A graph over {@code nodes} (in corpus order) whose node points at its page targets
   * ({@code explicitTargets}: the positions of the targets of the node at a position, -1 for an id
   * that is not a node; called from several threads), each once and never at itself; {@code edges}
   * makes the relations to exactly those targets.
   *
   * @throws IllegalArgumentException if a page target is not a node
   */
  RelatedGraph(IdIndex nodes, java.util.function.IntFunction<int[]> explicitTargets,
      Function<String, List<Relation>> edges) {
    this.index = nodes;
    this.nodes = nodes.ids();
    int[][] targets = new int[this.nodes.length][];
    // Independent per node, and a large share of building a big corpus: on every core.
    java.util.stream.IntStream range = java.util.stream.IntStream.range(0, this.nodes.length);
    (this.nodes.length >= 1024 ? range.parallel() : range)
        .forEach(i -> targets[i] = merge(i, NONE, explicitTargets.apply(i)));
    this.explicit = targets;
    this.computed = ComputedRelations.NONE;
    this.edges = edges;
    this.nodeSet = index.asSet();
  }

  /**
   * A graph over {@code nodes} whose node at position {@code i} points at {@code pageTargets[i]}, taken
   * as they are (a graph's {@link #successorPositions}, as a store keeps them), each list checked by
   * {@link #checkPageTargets} already.
   */
  static RelatedGraph ofPageTargets(IdIndex nodes, int[][] pageTargets, Function<String, List<Relation>> edges) {
    return new RelatedGraph(nodes, pageTargets, ComputedRelations.NONE, edges);
  }

  /**
   * Checks the page targets {@code targets} of node {@code position} (id {@code id}) of a graph of
   * {@code size} nodes. Called by whoever reads the lists, as it reads each (one pass over 100,000 small
   * arrays, not two).
   *
   * @throws IllegalArgumentException if a target is not a node, is the node itself or is repeated
   */
  static void checkPageTargets(String id, int position, int[] targets, int size) {
    for (int j = 0; j < targets.length; j++) {
      int x = targets[j];
      if (x < 0 || x >= size || x == position) {
        throw new IllegalArgumentException("relation " + id + " -> #" + x
            + (x == position ? " points at itself" : " points outside the graph"));
      }
      for (int k = 0; k < j; k++) {
        if (targets[k] == x) {
          throw new IllegalArgumentException("relation " + id + " -> #" + x + " is listed twice");
        }
      }
    }
  }

  /**
   * A graph over the nodes and page targets of {@code base} (same articles, same related entries) with
   * other computed targets and relations.
   */
  RelatedGraph(RelatedGraph base, ComputedRelations computedTargets,
      Function<String, List<Relation>> edges) {
    this(base.index, base.explicit, computedTargets, edges);
  }

  private RelatedGraph(IdIndex index, int[][] explicit, ComputedRelations computed,
      Function<String, List<Relation>> edges) {
    this.index = index;
    this.nodes = index.ids();
    this.explicit = explicit;
    this.computed = computed;
    this.edges = edges;
    this.nodeSet = index.asSet();
  }

  private static final int[] NONE = new int[0];

  /** The targets of node {@code n}: page targets, then the computed ones that are new (not to be changed). */
  private int[] out(int n) {
    if (computed == ComputedRelations.NONE) {
      return explicit[n];
    }
    int[][] all = merged;
    return all != null ? all[n] : withComputed(n);
  }

  /** Every node's targets (see {@link #out}), merged once for questions about the whole graph. */
  private int[][] outAll() {
    if (computed == ComputedRelations.NONE) {
      return explicit;
    }
    int[][] all = merged;
    if (all == null) {
      synchronized (this) {
        all = merged;
        if (all == null) {
          all = new int[nodes.length][];
          int[] mark = new int[nodes.length];
          for (int n = 0; n < all.length; n++) {
            all[n] = withComputed(n, mark);
          }
          merged = all;
        }
      }
    }
    return all;
  }

  /**
   * {@link #withComputed}{@code (n)} in a pass over every node in order: {@code mark} (one slot per node,
   * zero at first, reused from node to node) tells in one step whether a target is there already, where
   * a search of the list costs a pass over it per target (at 100,000 articles with a dozen computed
   * targets each, most of the pass).
   */
  private int[] withComputed(int n, int[] mark) {
    int[] more = computed.targetPositions(n);
    if (more == null) {
      return withComputed(n);
    }
    int[] first = explicit[n];
    if (more.length == 0) {
      return first;
    }
    int stamp = n + 1;
    for (int t : first) {
      mark[t] = stamp;
    }
    mark[n] = stamp;
    int[] o = java.util.Arrays.copyOf(first, first.length + more.length);
    int count = first.length;
    for (int target : more) {
      if (target < 0 || target >= nodes.length) {
        throw new IllegalStateException("relation " + nodes[n] + " -> #" + target + " points outside the graph");
      }
      if (mark[target] != stamp) {
        mark[target] = stamp;
        o[count++] = target;
      }
    }
    return count == o.length ? o : java.util.Arrays.copyOf(o, count);
  }

  /** Node {@code n}'s page targets followed by its computed targets that are new and not itself. */
  private int[] withComputed(int n) {
    int[] positions = computed.targetPositions(n);
    try {
      return positions != null ? merge(n, explicit[n], positions) : merge(n, explicit[n], computed.targets(nodes[n]));
    } catch (IllegalArgumentException e) {
      // Found when the node is first read: the computed edges, not the caller's argument, are wrong.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** {@code first} followed by the node numbers of {@code more} that are new and not node {@code self}. */
  private int[] merge(int self, int[] first, List<String> more) {
    if (more.isEmpty()) {
      return first;
    }
    int[] numbers = new int[more.size()];
    for (int j = 0; j < numbers.length; j++) {
      int target = index.position(more.get(j));
      if (target < 0) {
        throw new IllegalArgumentException("relation " + nodes[self] + " -> " + more.get(j)
            + " points outside the graph");
      }
      numbers[j] = target;
    }
    return merge(self, first, numbers);
  }

  private int[] merge(int self, int[] first, int[] more) {
    if (more.length == 0) {
      return first;
    }
    int[] o = java.util.Arrays.copyOf(first, first.length + more.length);
    int n = first.length;
    for (int target : more) {
      if (target < 0 || target >= nodes.length) {
        throw new IllegalArgumentException("relation " + nodes[self] + " -> #" + target
            + " points outside the graph");
      }
      if (target != self && !contains(o, n, target)) {
        o[n++] = target;
      }
    }
    return n == o.length ? o : java.util.Arrays.copyOf(o, n);
  }

  /**
   * Who points at each node, sources in node (corpus) order: node {@code t}'s sources are
   * {@code source[start[t]]} to {@code source[start[t + 1] - 1]} (two arrays, not one per node).
   */
  private record Incoming(int[] start, int[] source) {}

  private Incoming incoming() {
    int[][] out = outAll();
    int n = nodes.length;
    int[] start = new int[n + 1];
    for (int s = 0; s < n; s++) {
      for (int t : out[s]) {
        start[t + 1]++;
      }
    }
    for (int t = 0; t < n; t++) {
      start[t + 1] += start[t];
    }
    int[] source = new int[start[n]];
    int[] next = java.util.Arrays.copyOf(start, n);
    for (int s = 0; s < n; s++) {
      for (int t : out[s]) {
        source[next[t]++] = s;
      }
    }
    return new Incoming(start, source);
  }

  /** The nodes pointing at node {@code n}, in node order. */
  private int[] in(int n) {
    Incoming i = in.get();
    return java.util.Arrays.copyOfRange(i.source, i.start[n], i.start[n + 1]);
  }

  /** Every node id, in corpus order. */
  public Set<String> nodes() {
    return nodeSet;
  }

  /**
   * The related articles of {@code id}, in display order: explicit edges in page order, then computed
   * edges by descending score.
   */
  public List<Relation> related(String id) {
    int n = node(id);
    return out(n).length == 0 ? List.of() : List.copyOf(checkedEdges(n));
  }

  /** The related articles of {@code id} of one kind, in display order. */
  public List<Relation> related(String id, Relation.Kind kind) {
    return related(id).stream().filter(r -> r.kind() == kind).toList();
  }

  /** The ids {@code id} points to, in display order. */
  public List<String> successors(String id) {
    return names(out(node(id)));
  }

  /**
   * The nodes the node at {@code position} of {@link #nodes()} points to, as positions in {@link #nodes()}
   * (which is the corpus order), in display order: for algorithms that work on numbers rather than ids.
   *
   * @throws IndexOutOfBoundsException if there is no node at {@code position}
   */
  public int[] successorPositions(int position) {
    return out(java.util.Objects.checkIndex(position, nodes.length)).clone();
  }

  /**
   * The relations pointing at {@code id} (which articles list or resemble it), in corpus order of their
   * sources (oldest first).
   */
  public List<Relation> backlinks(String id) {
    int n = node(id);
    int[] sources = in(n);
    List<Relation> result = new ArrayList<>(sources.length);
    for (int s : sources) {
      result.add(edgeAt(s, n));
    }
    return List.copyOf(result);
  }

  /** The ids pointing at {@code id}, in corpus order. */
  public List<String> predecessors(String id) {
    return names(in(node(id)));
  }

  /** The edge from {@code source} to {@code target}, if there is one. */
  public Optional<Relation> edge(String source, String target) {
    int t = node(target);
    int s = node(source);
    for (int x : out(s)) {
      if (x == t) {
        return Optional.of(edgeAt(s, t));
      }
    }
    return Optional.empty();
  }

  /** Pairs of articles that list each other, each pair once with the smaller id first. */
  public List<List<String>> reciprocalPairs() {
    int[][] out = outAll();
    List<List<String>> pairs = new ArrayList<>();
    for (int a = 0; a < nodes.length; a++) {
      for (int b : out[a]) {
        int[] back = out[b];
        if (nodes[a].compareTo(nodes[b]) < 0 && contains(back, back.length, a)) {
          pairs.add(List.of(nodes[a], nodes[b]));
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
    int[][] out = outAll();
    Incoming incoming = in.get();
    boolean[] seen = new boolean[nodes.length];
    int[] todo = new int[nodes.length];
    List<Set<String>> components = new ArrayList<>();
    for (int start = 0; start < nodes.length; start++) {
      if (seen[start]) {
        continue;
      }
      seen[start] = true;
      Set<String> component = new TreeSet<>();
      int head = 0;
      int tail = 0;
      todo[tail++] = start;
      while (head < tail) {
        int n = todo[head++];
        component.add(nodes[n]);
        for (int m : out[n]) {
          if (!seen[m]) {
            seen[m] = true;
            todo[tail++] = m;
          }
        }
        for (int k = incoming.start[n]; k < incoming.start[n + 1]; k++) {
          int m = incoming.source[k];
          if (!seen[m]) {
            seen[m] = true;
            todo[tail++] = m;
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
    nodeSet.forEach(builder::addNode);
    for (int n = 0; n < nodes.length; n++) {
      if (out(n).length > 0) {
        checkedEdges(n).forEach(r -> builder.putEdgeValue(r.source(), r.target(), r));
      }
    }
    return builder.build();
  }

  /** The number of edges. */
  public int edgeCount() {
    int count = edgeCount;
    if (count < 0) {
      // Counted once: a server's health check asks on every call.
      count = 0;
      for (int[] o : outAll()) {
        count += o.length;
      }
      edgeCount = count;
    }
    return count;
  }

  /** The relations of node {@code n}, checked against the structure the graph was built with. */
  private List<Relation> checkedEdges(int n) {
    int[] targets = out(n);
    List<Relation> list = edges.apply(nodes[n]);
    if (list.size() != targets.length) {
      throw new IllegalStateException("the relations of " + nodes[n] + " do not match its targets");
    }
    for (int j = 0; j < list.size(); j++) {
      Relation r = list.get(j);
      if (!r.source().equals(nodes[n]) || !r.target().equals(nodes[targets[j]])) {
        throw new IllegalStateException("relation " + r.source() + " -> " + r.target() + " listed as "
            + nodes[n] + " -> " + nodes[targets[j]]);
      }
    }
    return list;
  }

  private Relation edgeAt(int source, int target) {
    List<Relation> list = checkedEdges(source);
    int[] targets = out(source);
    for (int j = 0; j < targets.length; j++) {
      if (targets[j] == target) {
        return list.get(j);
      }
    }
    throw new IllegalStateException("no edge " + nodes[source] + " -> " + nodes[target]);
  }

  private List<String> names(int[] numbers) {
    List<String> result = new ArrayList<>(numbers.length);
    for (int x : numbers) {
      result.add(nodes[x]);
    }
    return List.copyOf(result);
  }

  private static boolean contains(int[] a, int length, int x) {
    for (int i = 0; i < length; i++) {
      if (a[i] == x) {
        return true;
      }
    }
    return false;
  }

  private int node(String id) {
    int n = index.position(Objects.requireNonNull(id, "id must not be null"));
    if (n < 0) {
      throw new IllegalArgumentException("unknown article: " + id);
    }
    return n;
  }
}
