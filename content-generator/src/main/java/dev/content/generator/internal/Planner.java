package dev.content.generator.internal;

import dev.content.core.Titles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides, before any text is rendered, what every article of a generated corpus is: its id, title,
 * source windows, posting position and related picks. Everything depends only on the documents, the
 * count and the seed, so a corpus is reproducible and articles can be rendered in any order.
 */
public final class Planner {
  /** A window of units {@code [from, to)} of one document. */
  public record Segment(int doc, int from, int to) {}

  /** One related entry: a corpus article ({@code target >= 0}) or a stub (a title not in the corpus). */
  public record Pick(int target, String stubTitle, int stubDoc, long stubEpochMinute, boolean fullWidthTitle) {}

  /** The plan of one article. */
  public record Plan(int index, String id, String title, int doc, List<Segment> segments, List<Pick> related) {}

  private static final String[] TITLE_SUFFIXES = {
      "要点解读", "常见问题", "实务指南", "条文摘编", "重点条款", "适用指引", "学习笔记", "逐条释义",
      "问答", "全文导读", "核心内容", "理解与适用", "热点问题", "案例解析", "条文精读", "新手入门"};
  private static final String[] TITLE_QUESTIONS = {
      "%s是怎么规定的", "关于%s的几个问题", "%s对普通人有什么影响", "一文读懂%s", "%s有哪些要点",
      "%s里的这些规定你知道吗"};
  private static final String[] STUB_SUFFIXES = {"相关问题解答", "最新修订要点", "与生活相关的那些事", "律师怎么看"};

  private final List<LawDocument> docs;
  private final int count;
  private final long seed;
  private final double stubRate;
  private final double sameCategoryRate;
  private final int relatedCount;

  private final List<Plan> plans = new ArrayList<>();
  private int[] position;
  private long[] postMinute;

  public Planner(List<LawDocument> docs, int count, long seed, double stubRate, double sameCategoryRate,
      int relatedCount) {
    this.docs = docs;
    this.count = count;
    this.seed = seed;
    this.stubRate = stubRate;
    this.sameCategoryRate = sameCategoryRate;
    this.relatedCount = relatedCount;
  }

  /** Plans the whole corpus. */
  public Planner plan() {
    SplittableRandom rnd = new SplittableRandom(seed);
    int d = docs.size();
    int[] order = shuffle(d, rnd);
    Set<String> titleKeys = new HashSet<>();
    Set<String> ids = new HashSet<>();
    Map<String, List<Integer>> docsByCategory = new HashMap<>();
    for (int k = 0; k < d; k++) {
      docsByCategory.computeIfAbsent(docs.get(k).category(), c -> new ArrayList<>()).add(k);
    }
    List<List<Segment>> segs = new ArrayList<>();
    List<Integer> mainDoc = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int round = i / d;
      int doc = order[i % d];
      LawDocument ld = docs.get(doc);
      List<Integer> starts = sectionStarts(ld);
      int length = 400 + rnd.nextInt(1400);
      List<Segment> s = new ArrayList<>();
      String title;
      if (round < starts.size()) {
        int from = starts.get(round);
        s.add(window(ld, doc, from, length));
        title = round == 0 ? ld.title() : ld.title() + ":" + ld.units().get(from).text();
      } else {
        // Beyond the sections: another cut of the text, often combined with a sibling document.
        int from = paragraphStart(ld, rnd);
        List<Integer> siblings = docsByCategory.get(ld.category());
        if (siblings.size() > 1 && rnd.nextBoolean()) {
          int other = siblings.get(rnd.nextInt(siblings.size()));
          if (other == doc) {
            other = siblings.get((siblings.indexOf(doc) + 1) % siblings.size());
          }
          LawDocument od = docs.get(other);
          Segment a = window(ld, doc, from, length / 2);
          Segment b = window(od, other, paragraphStart(od, rnd), length / 2);
          if (rnd.nextBoolean()) {
            s.add(a);
            s.add(b);
          } else {
            s.add(b);
            s.add(a);
          }
        } else {
          s.add(window(ld, doc, from, length));
        }
        title = variantTitle(ld.title(), round - starts.size());
      }
      title = BodyBuilder.site(title);
      String unique = title;
      for (int k = 2; !titleKeys.add(Titles.normalize(unique)); k++) {
        unique = title + "(" + Numerals.chinese(k) + ")";
      }
      titles.add(unique);
      segs.add(s);
      mainDoc.add(doc);
      String id = hexId(i, 0);
      for (int salt = 1; !ids.add(id); salt++) {
        id = hexId(i, salt);
      }
      plans.add(new Plan(i, id, unique, doc, s, List.of()));
    }
    planTimes(rnd);
    planRelated(rnd, titleKeys, order);
    return this;
  }

  private void planTimes(SplittableRandom rnd) {
    // A posting sequence like the seed's (posts minutes apart), ending on 2025-10-31 at 23:00 Shanghai.
    int[] perm = shuffle(count, rnd);
    position = new int[count];
    for (int p = 0; p < count; p++) {
      position[perm[p]] = p;
    }
    postMinute = new long[count];
    long end = java.time.LocalDateTime.of(2025, 10, 31, 23, 0)
        .toEpochSecond(java.time.ZoneOffset.ofHours(8)) / 60;
    long t = end;
    for (int p = count - 1; p >= 0; p--) {
      postMinute[p] = t;
      t -= 1 + rnd.nextInt(27);
    }
  }

  private void planRelated(SplittableRandom rnd, Set<String> titleKeys, int[] order) {
    Map<String, List<Integer>> byCategory = new HashMap<>();
    Map<Integer, List<Integer>> byDoc = new HashMap<>();
    for (Plan p : plans) {
      byCategory.computeIfAbsent(docs.get(p.doc()).category(), c -> new ArrayList<>()).add(p.index());
      byDoc.computeIfAbsent(p.doc(), c -> new ArrayList<>()).add(p.index());
    }
    // Documents no article was made from are the natural stubs: pages the scrape never reached.
    List<Integer> unused = new ArrayList<>();
    for (int k = Math.min(count, docs.size()); k < docs.size(); k++) {
      unused.add(order[k]);
    }
    long first = postMinute[0];
    long span = Math.max(1, postMinute[count - 1] - first);
    for (int i = 0; i < count; i++) {
      Plan p = plans.get(i);
      double r = rnd.nextDouble();
      int k = r < 0.85 ? relatedCount : Math.max(1, relatedCount - 1 - rnd.nextInt(2));
      List<Pick> picks = new ArrayList<>();
      Set<Integer> taken = new HashSet<>();
      taken.add(i);
      List<Integer> sameCat = byCategory.get(docs.get(p.doc()).category());
      List<Integer> sameDoc = byDoc.get(p.doc());
      for (int slot = 0; slot < k; slot++) {
        boolean fullWidth = rnd.nextInt(33) == 0;
        if (rnd.nextDouble() < stubRate) {
          picks.add(stub(rnd, unused, titleKeys, first + rnd.nextLong(span), fullWidth));
          continue;
        }
        int target = -1;
        for (int attempt = 0; attempt < 12 && target < 0; attempt++) {
          List<Integer> pool = rnd.nextDouble() < sameCategoryRate
              ? (sameDoc.size() > 1 && rnd.nextInt(4) == 0 ? sameDoc : sameCat)
              : null;
          int cand = pool == null ? rnd.nextInt(count) : pool.get(rnd.nextInt(pool.size()));
          if (!taken.contains(cand)) {
            target = cand;
          }
        }
        if (target >= 0) {
          taken.add(target);
          picks.add(new Pick(target, null, -1, 0, fullWidth));
        }
      }
      plans.set(i, new Plan(p.index(), p.id(), p.title(), p.doc(), p.segments(), picks));
    }
  }

  private Pick stub(SplittableRandom rnd, List<Integer> unused, Set<String> titleKeys, long minute,
      boolean fullWidth) {
    int doc;
    String title;
    if (!unused.isEmpty()) {
      doc = unused.get(rnd.nextInt(unused.size()));
      title = BodyBuilder.site(docs.get(doc).title());
    } else {
      doc = rnd.nextInt(docs.size());
      title = BodyBuilder.site(docs.get(doc).title() + STUB_SUFFIXES[rnd.nextInt(STUB_SUFFIXES.length)]);
    }
    for (int k = 2; titleKeys.contains(Titles.normalize(title)); k++) {
      title = title + "之" + Numerals.chinese(k);
    }
    return new Pick(-1, title, doc, minute, fullWidth);
  }

  private static String variantTitle(String title, int n) {
    int forms = TITLE_SUFFIXES.length + TITLE_QUESTIONS.length;
    int form = n % forms;
    int cycle = n / forms;
    String base = form < TITLE_SUFFIXES.length ? title + TITLE_SUFFIXES[form]
        : String.format(TITLE_QUESTIONS[form - TITLE_SUFFIXES.length], title);
    return cycle == 0 ? base : base + "(" + Numerals.chinese(cycle + 1) + ")";
  }

  private static List<Integer> sectionStarts(LawDocument d) {
    List<Integer> s = new ArrayList<>();
    s.add(0);
    for (int h : d.sectionStarts()) {
      if (h > 0 && h + 1 < d.units().size()) {
        s.add(h);
      }
    }
    return s;
  }

  private static int paragraphStart(LawDocument d, SplittableRandom rnd) {
    int n = d.units().size();
    int from = rnd.nextInt(Math.max(1, n - 1));
    while (from < n - 1 && d.units().get(from).heading() && d.units().get(from + 1).heading()) {
      from++;
    }
    return from;
  }

  /** Units from {@code from} until about {@code length} characters, never ending on a heading. */
  private static Segment window(LawDocument d, int doc, int from, int length) {
    int n = d.units().size();
    int to = from;
    int chars = 0;
    while (to < n && (chars < length || d.units().get(to - 1).heading())) {
      chars += d.units().get(to).text().length();
      to++;
    }
    while (to > from + 1 && d.units().get(to - 1).heading()) {
      to--;
    }
    return new Segment(doc, from, Math.max(to, Math.min(n, from + 1)));
  }

  private String hexId(int index, int salt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] h = sha.digest(("content-generator:" + seed + ":" + index + ":" + salt).getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(16);
      for (int k = 0; k < 8; k++) {
        sb.append(Character.forDigit((h[k] >> 4) & 0xF, 16)).append(Character.forDigit(h[k] & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static int[] shuffle(int n, SplittableRandom rnd) {
    int[] a = new int[n];
    for (int k = 0; k < n; k++) {
      a[k] = k;
    }
    for (int k = n - 1; k > 0; k--) {
      int j = rnd.nextInt(k + 1);
      int t = a[k];
      a[k] = a[j];
      a[j] = t;
    }
    return a;
  }

  public List<Plan> plans() {
    return plans;
  }

  public List<LawDocument> docs() {
    return docs;
  }

  /** The article's place in the posting sequence, 0 = first posted. */
  public int position(int index) {
    return position[index];
  }

  /** The posting time (epoch minute) at a place in the sequence. */
  public long postMinuteAt(int position) {
    return postMinute[position];
  }

  public int count() {
    return count;
  }
}
