package dev.content.loader.categories;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.content.core.Category;
import dev.content.core.Taxonomy;
import dev.content.loader.Diagnostic;
import dev.content.loader.Severity;
import dev.content.loader.internal.categories.LocatedJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code categories.json}, the taxonomy and rules of a corpus. Never throws on bad content: every
 * problem becomes a {@link Diagnostic} with the line and column of the offending value, and whatever is
 * valid is kept. The format is documented in {@code docs/categories.md}:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "settings": {"titleWeight": 3, "threshold": 3, "secondaryFraction": 0.5, "maxCategories": 3},
 *   "categories": [
 *     {"slug": "loans", "name": "网贷与借款", "description": "…", "order": 1,
 *      "terms": {"网贷": 2, "借款": 1},
 *      "children": [{"slug": "jiebei", "name": "借呗", "terms": {"借呗": 4}}]},
 *     {"slug": "credit-report", "name": "征信", "parent": "loans", "terms": ["征信", "信用报告"]}
 *   ]
 * }
 * }</pre>
 *
 * A category is nested by {@code children} or names its {@code parent}; {@code terms} is an object of
 * term to weight, or an array of terms of weight 1. {@code order} defaults to the position in the file.
 */
public final class CategoriesFile {
  /** The file name looked for at the top of a corpus folder. */
  public static final String NAME = "categories.json";

  private static final Set<String> TOP_FIELDS = Set.of("version", "settings", "categories", "$schema",
      "comment");
  private static final Set<String> CATEGORY_FIELDS = Set.of("slug", "name", "parent", "description",
      "order", "terms", "children", "comment");
  private static final Set<String> SETTINGS_FIELDS = Set.of("titleWeight", "threshold",
      "secondaryFraction", "maxCategories");

  private CategoriesFile() {}

  /**
   * What reading the file gave.
   *
   * @param rules the taxonomy and rules; empty when the file could not be read or parsed at all
   * @param diagnostics every problem, in file order
   */
  public record Result(Optional<CategoryRules> rules, List<Diagnostic> diagnostics) {
    public Result {
      Objects.requireNonNull(rules, "rules must not be null");
      diagnostics = List.copyOf(diagnostics);
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
  }

  /**
   * Reads the file; I/O and encoding problems are diagnostics too.
   *
   * @param file the file to read
   * @param displayPath the name diagnostics give the file, e.g. {@code categories.json}
   */
  public static Result read(Path file, String displayPath) {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(displayPath, "displayPath must not be null");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return failed(displayPath, 0, 0, "cannot read the file: " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return failed(displayPath, 0, 0, "the file is not valid UTF-8");
    }
    return parse(text, displayPath);
  }

  /**
   * Parses the text of a {@code categories.json}.
   *
   * @param json the file content (a leading BOM is ignored)
   * @param displayPath the name diagnostics give the file
   */
  public static Result parse(String json, String displayPath) {
    Objects.requireNonNull(json, "json must not be null");
    Objects.requireNonNull(displayPath, "displayPath must not be null");
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    if (text.isBlank()) {
      return failed(displayPath, 0, 0, "the file is empty: expected an object with \"categories\"");
    }
    LocatedJson.Document doc;
    try {
      doc = LocatedJson.parse(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = Optional.ofNullable(e.getOriginalMessage()).orElse("malformed JSON").lines()
          .findFirst().orElse("malformed JSON");
      return failed(displayPath, at == null ? 0 : Math.max(at.getLineNr(), 0),
          at == null ? 0 : Math.max(at.getColumnNr(), 0), "invalid JSON: " + message);
    } catch (IOException e) {
      return failed(displayPath, 0, 0, "cannot read the file: " + e.getMessage());
    }
    return new Reader(displayPath).read(doc);
  }

  private static Result failed(String file, int line, int column, String message) {
    return new Result(Optional.empty(), List.of(new Diagnostic(file, line, column, Severity.ERROR, message)));
  }

  /** One pass over a parsed document, collecting diagnostics. */
  private static final class Reader {
    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    Reader(String file) {
      this.file = file;
    }

    Result read(LocatedJson.Document doc) {
      for (LocatedJson dup : doc.duplicateKeys()) {
        warn(dup, "duplicate key \"" + dup.value() + "\": the last one counts");
      }
      LocatedJson root = doc.root();
      if (!root.isObject()) {
        error(root, "the top level must be an object with \"categories\", was " + root.typeName());
        return new Result(Optional.empty(), sorted());
      }
      Map<String, LocatedJson> top = root.asObject();
      unknownFields(top, TOP_FIELDS, "top-level");
      LocatedJson version = top.get("version");
      if (version != null && !(version.isNumber() && ((Number) version.value()).doubleValue() == 1)) {
        error(version, "unsupported version " + version.value() + ": only 1 is known");
      }
      LocatedJson categories = top.get("categories");
      if (categories == null) {
        error(root, "missing \"categories\": an array of categories");
      } else if (!categories.isArray()) {
        error(categories, "\"categories\" must be an array, was " + categories.typeName());
      } else {
        readCategories(categories.asArray(), Optional.empty(), null);
      }
      Taxonomy taxonomy = Taxonomy.of(resolve());
      CategoryRules.Builder rules = CategoryRules.builder(taxonomy);
      for (Pending p : pending.values()) {
        if (taxonomy.contains(p.category.slug()) && !p.terms.isEmpty()) {
          rules.terms(p.category.slug(), p.terms);
        }
      }
      LocatedJson settings = top.get("settings");
      if (settings != null) {
        readSettings(settings, rules);
      }
      return new Result(Optional.of(rules.build()), sorted());
    }

    private List<Diagnostic> sorted() {
      List<Diagnostic> out = new ArrayList<>(diagnostics);
      out.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
      return out;
    }

    private void readCategories(List<LocatedJson> items, Optional<String> parent, LocatedJson parentAt) {
      int position = 0;
      for (LocatedJson item : items) {
        position++;
        if (!item.isObject()) {
          error(item, "a category must be an object, was " + item.typeName());
          continue;
        }
        Map<String, LocatedJson> f = item.asObject();
        unknownFields(f, CATEGORY_FIELDS, "category");
        Optional<String> slug = string(f, "slug", item, true);
        Optional<String> name = string(f, "name", item, true);
        if (slug.isEmpty() || name.isEmpty()) {
          continue;
        }
        LocatedJson slugAt = f.get("slug");
        String s = slug.get();
        if (s.isBlank() || s.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || cp == '/')) {
          error(slugAt, "slug \"" + s + "\" must be non-empty without spaces or '/'");
          continue;
        }
        Optional<String> declaredParent = string(f, "parent", item, false);
        LocatedJson parentField = f.get("parent");
        Optional<String> effectiveParent = parent;
        LocatedJson effectiveParentAt = parentAt;
        if (declaredParent.isPresent()) {
          if (parent.isPresent() && !parent.equals(declaredParent)) {
            error(parentField, "category " + s + " is nested under " + parent.get()
                + " but names parent " + declaredParent.get());
            continue;
          }
          effectiveParent = declaredParent;
          effectiveParentAt = parentField;
        }
        if (effectiveParent.filter(s::equals).isPresent()) {
          error(effectiveParentAt, "category " + s + " cannot be its own parent");
          continue;
        }
        String description = string(f, "description", item, false).orElse("");
        int order = position;
        LocatedJson orderAt = f.get("order");
        if (orderAt != null) {
          if (orderAt.value() instanceof Integer || orderAt.value() instanceof Long) {
            order = ((Number) orderAt.value()).intValue();
          } else {
            error(orderAt, "\"order\" must be an integer, was " + orderAt.typeName());
          }
        }
        List<Term> terms = readTerms(f.get("terms"));
        if (pending.containsKey(s)) {
          error(slugAt, "duplicate category slug \"" + s + "\" (first defined at line "
              + pending.get(s).at.line() + ")");
          continue;
        }
        pending.put(s, new Pending(new Category(s, name.get(), effectiveParent, description, order), terms,
            item, effectiveParentAt));
        LocatedJson children = f.get("children");
        if (children != null) {
          if (children.isArray()) {
            readCategories(children.asArray(), Optional.of(s), slugAt);
          } else {
            error(children, "\"children\" must be an array, was " + children.typeName());
          }
        }
      }
    }

    private List<Term> readTerms(LocatedJson terms) {
      if (terms == null) {
        return List.of();
      }
      List<Term> out = new ArrayList<>();
      if (terms.isObject()) {
        for (Map.Entry<String, LocatedJson> e : terms.asObject().entrySet()) {
          LocatedJson w = e.getValue();
          if (e.getKey().isBlank()) {
            error(w, "a term must not be blank");
          } else if (!w.isNumber()) {
            error(w, "the weight of term \"" + e.getKey() + "\" must be a number, was " + w.typeName());
          } else {
            double weight = ((Number) w.value()).doubleValue();
            if (weight == 0 || !Double.isFinite(weight)) {
              error(w, "the weight of term \"" + e.getKey() + "\" must be a non-zero number");
            } else {
              out.add(new Term(e.getKey(), weight));
            }
          }
        }
      } else if (terms.isArray()) {
        for (LocatedJson t : terms.asArray()) {
          if (t.isString() && !((String) t.value()).isBlank()) {
            out.add(new Term((String) t.value(), 1));
          } else {
            error(t, "a term must be a non-empty string, was " + t.typeName());
          }
        }
      } else {
        error(terms, "\"terms\" must be an object of term to weight or an array of terms, was "
            + terms.typeName());
      }
      return out;
    }

    private void readSettings(LocatedJson settings, CategoryRules.Builder rules) {
      if (!settings.isObject()) {
        error(settings, "\"settings\" must be an object, was " + settings.typeName());
        return;
      }
      Map<String, LocatedJson> f = settings.asObject();
      unknownFields(f, SETTINGS_FIELDS, "settings");
      for (Map.Entry<String, LocatedJson> e : f.entrySet()) {
        LocatedJson v = e.getValue();
        if (!SETTINGS_FIELDS.contains(e.getKey())) {
          continue;
        }
        if (!v.isNumber()) {
          error(v, "\"" + e.getKey() + "\" must be a number, was " + v.typeName());
          continue;
        }
        double d = ((Number) v.value()).doubleValue();
        try {
          switch (e.getKey()) {
            case "titleWeight" -> rules.titleWeight(d);
            case "threshold" -> rules.threshold(d);
            case "secondaryFraction" -> rules.secondaryFraction(d);
            default -> {
              if (d != Math.rint(d)) {
                throw new IllegalArgumentException("maxCategories must be an integer, was " + v.value());
              }
              rules.maxCategories((int) d);
            }
          }
        } catch (IllegalArgumentException ex) {
          error(v, ex.getMessage());
        }
      }
    }

    /** The categories whose ancestors all exist, diagnosing the others. */
    private List<Category> resolve() {
      Map<String, String> rejected = new HashMap<>();
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Pending p : pending.values()) {
          String slug = p.category.slug();
          if (rejected.containsKey(slug) || p.category.parent().isEmpty()) {
            continue;
          }
          String parent = p.category.parent().get();
          String why = null;
          if (!pending.containsKey(parent)) {
            why = "category " + slug + " names unknown parent \"" + parent + "\"";
          } else if (inCycle(slug)) {
            why = "category " + slug + " is part of a parent cycle";
          } else if (rejected.containsKey(parent)) {
            why = "category " + slug + " is dropped because its parent " + parent + " was rejected";
          }
          if (why != null) {
            rejected.put(slug, why);
            error(p.parentAt == null ? p.at : p.parentAt, why);
            changed = true;
          }
        }
      }
      return pending.values().stream().map(p -> p.category)
          .filter(c -> !rejected.containsKey(c.slug())).toList();
    }

    private boolean inCycle(String slug) {
      Set<String> seen = new java.util.HashSet<>();
      String s = slug;
      while (s != null && seen.add(s)) {
        Pending p = pending.get(s);
        s = p == null ? null : p.category.parent().orElse(null);
      }
      return s != null && s.equals(slug);
    }

    private Optional<String> string(Map<String, LocatedJson> f, String key, LocatedJson owner,
        boolean required) {
      LocatedJson v = f.get(key);
      if (v == null) {
        if (required) {
          error(owner, "category is missing \"" + key + "\"");
        }
        return Optional.empty();
      }
      if (!v.isString()) {
        error(v, "\"" + key + "\" must be a string, was " + v.typeName());
        return Optional.empty();
      }
      return Optional.of((String) v.value());
    }

    private void unknownFields(Map<String, LocatedJson> fields, Set<String> known, String where) {
      fields.forEach((k, v) -> {
        if (!known.contains(k)) {
          warn(v, "unknown " + where + " field \"" + k + "\" is ignored");
        }
      });
    }

    private void error(LocatedJson at, String message) {
      diagnostics.add(new Diagnostic(file, at.line(), at.column(), Severity.ERROR, message));
    }

    private void warn(LocatedJson at, String message) {
      diagnostics.add(new Diagnostic(file, at.line(), at.column(), Severity.WARNING, message));
    }
  }

  private record Pending(Category category, List<Term> terms, LocatedJson at, LocatedJson parentAt) {}
}
