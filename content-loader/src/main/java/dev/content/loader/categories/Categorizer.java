package dev.content.loader.categories;

import dev.content.core.Article;
import dev.content.core.CategoryAssignment;
import dev.content.core.CategoryAssignment.Evidence;
import dev.content.core.CategoryAssignment.Source;
import dev.content.core.Corpus;
import dev.content.core.Taxonomy;
import dev.content.loader.Diagnostic;
import dev.content.loader.Severity;
import dev.content.loader.internal.categories.FolderCategories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Gives every article of a corpus its categories, in order of authority: the folder it lies in, then
 * the rules of {@code categories.json}, then {@code 未分类}. (Labelled-neighbour voting, the third
 * method, needs the similarity index of {@code content-search}: see its {@code NeighbourClassifier},
 * which replaces {@code 未分类} assignments afterwards.)
 *
 * <ul>
 *   <li><b>Folder</b>: a file under {@code <slug>/…} is primary in that category (nested folders map to
 *       nested categories; an unknown folder becomes a category). Rules may add secondary categories
 *       that reach the threshold.
 *   <li><b>Rules</b>: see {@link CategoryRules}; applies to full articles and to stubs (title and
 *       excerpt).
 *   <li><b>Fallback</b>: {@code 未分类}, with a reason saying why nothing else applied. Stubs are
 *       never put there: {@code 未分类} is the list of real articles an editor still has to file, and a
 *       stub, known only by a listing, is filed only when its title or excerpt matches a rule (or
 *       neighbours vote for it).
 * </ul>
 *
 * <pre>{@code
 * LoadResult loaded = SeedLoader.create().load(folder);   // already calls this
 * Categorization c = Categorizer.assign(corpus, folder);  // reads folder/categories.json if present
 * c.corpus().categoryTree();
 * }</pre>
 */
public final class Categorizer {
  private static final String NO_FILE = "不在分类文件夹中，且语料没有分类规则（categories.json）";
  private static final String BROKEN_FILE = "不在分类文件夹中，且 categories.json 有错误，规则未能使用";
  private static final String NO_TERMS = "不在分类文件夹中，且分类规则没有任何词";

  private Categorizer() {}

  /**
   * Assigns categories using {@code folder/categories.json} when it exists (folder categories and
   * {@code 未分类} only when it does not). A broken file is reported in the diagnostics and its valid
   * parts are used.
   */
  public static Categorization assign(Corpus corpus, Path folder) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(folder, "folder must not be null");
    Path file = folder.resolve(CategoriesFile.NAME);
    return assign(corpus, Files.isRegularFile(file) ? Optional.of(CategoriesFile.read(file, CategoriesFile.NAME))
        : Optional.empty(), CategoryRules::scores);
  }

  /**
   * Assigns categories with the rules of a {@code categories.json} read already ({@code file}; empty
   * when the corpus has none), taking each article's rule scores from {@code scores}. Scores depend only
   * on the rules and the article's title and body (a stub's excerpt), so a caller that computed them
   * while it held the body (the loader does, before it lets bodies go) passes them here instead of
   * having the body read again; {@code CategoryRules::scores} computes them.
   */
  public static Categorization assign(Corpus corpus, Optional<CategoriesFile.Result> file,
      BiFunction<CategoryRules, Article, List<CategoryAssignment>> scores) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(scores, "scores must not be null");
    if (file.isEmpty()) {
      return assign(corpus, CategoryRules.none(), List.of(), NO_FILE, scores);
    }
    CategoriesFile.Result read = file.get();
    return assign(corpus, read.rules().orElse(CategoryRules.none()), read.diagnostics(),
        read.rules().isEmpty() ? BROKEN_FILE : NO_TERMS, scores);
  }

  /** Assigns categories with these rules (use {@link CategoryRules#none()} for folders only). */
  public static Categorization assign(Corpus corpus, CategoryRules rules) {
    Objects.requireNonNull(corpus, "corpus must not be null");
    Objects.requireNonNull(rules, "rules must not be null");
    return assign(corpus, rules, List.of(), NO_TERMS, CategoryRules::scores);
  }

  private static Categorization assign(Corpus corpus, CategoryRules rules, List<Diagnostic> given,
      String noRules, BiFunction<CategoryRules, Article, List<CategoryAssignment>> scores) {
    List<Diagnostic> diagnostics = new ArrayList<>(given);
    FolderCategories folders = new FolderCategories(rules.taxonomy());
    Map<String, String> folderOf = new HashMap<>();
    for (Article a : corpus.fullArticles()) {
      a.source().flatMap(s -> folders.categoryOf(s.path())).ifPresent(slug -> folderOf.put(a.id(), slug));
    }
    for (FolderCategories.Warning w : folders.warnings()) {
      diagnostics.add(new Diagnostic(w.folder(), 0, 0, Severity.WARNING, w.message()));
    }
    Taxonomy taxonomy = rules.taxonomy().plus(folders.created());
    Map<String, List<CategoryAssignment>> out = new HashMap<>();
    for (Article a : corpus.articles()) {
      out.put(a.id(), categories(a, folderOf.get(a.id()), rules, scores.apply(rules, a), taxonomy, noRules));
    }
    return new Categorization(corpus.withCategories(taxonomy, out), diagnostics);
  }

  private static List<CategoryAssignment> categories(Article a, String folderSlug, CategoryRules rules,
      List<CategoryAssignment> scores, Taxonomy taxonomy, String noRules) {
    List<CategoryAssignment> byRules = rules.choose(scores);
    if (folderSlug != null) {
      String dir = a.source().map(s -> s.path().substring(0, s.path().lastIndexOf('/') + 1)).orElse("");
      List<CategoryAssignment> out = new ArrayList<>();
      out.add(new CategoryAssignment(folderSlug, Source.FOLDER, 1, "位于文件夹 " + dir,
          List.of(new Evidence("folder", dir, 1))));
      for (CategoryAssignment r : byRules) {
        if (out.size() < rules.maxCategories() && !related(taxonomy, folderSlug, r.slug())) {
          out.add(r);
        }
      }
      return out;
    }
    if (!byRules.isEmpty() || a.stub()) {
      return byRules;
    }
    return List.of(fallback(rules, scores, noRules));
  }

  private static boolean related(Taxonomy t, String a, String b) {
    return t.pathToRoot(a).stream().anyMatch(c -> c.slug().equals(b))
        || t.pathToRoot(b).stream().anyMatch(c -> c.slug().equals(a));
  }

  /** The {@code 未分类} assignment, saying why nothing else applied. */
  static CategoryAssignment fallback(CategoryRules rules, List<CategoryAssignment> scores, String noRules) {
    String reason;
    if (!rules.hasTerms()) {
      reason = noRules;
    } else {
      Optional<CategoryAssignment> best = scores.stream().findFirst();
      reason = best.map(b -> "规则得分不足：最接近的“" + rules.taxonomy().require(b.slug()).name() + "”得分 "
              + CategoryRules.number(b.score()) + "，低于阈值 " + CategoryRules.number(rules.threshold()))
          .orElse("不在分类文件夹中，也没有匹配任何分类规则的词");
    }
    return new CategoryAssignment(Taxonomy.UNCATEGORISED, Source.FALLBACK, 0, reason, List.of());
  }
}
