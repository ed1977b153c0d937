package dev.content.generator.internal;

import dev.content.generator.SourceNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** Reads the lawrefbook collection through its {@code MANIFEST.tsv}. */
public final class LawrefReader {
  private static final Pattern CHAPTER_PREFIX =
      Pattern.compile("^第[一二三四五六七八九十百零〇0-9]+[编分章节部条款][之一二三四五六七八九十]*[\\s\u3000]*");
  private static final int MIN_PARAGRAPH_CHARS = 2;

  private LawrefReader() {}

  /** Every document listed in the manifest, in manifest order, with unique titles. */
  public static List<LawDocument> read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new SourceNotFoundException(folder,
          "lawrefbook folder not found: " + folder.toAbsolutePath().normalize()
              + " (pass --source DIR pointing at ../shared/data/lawrefbook)");
    }
    Path manifest = folder.resolve("MANIFEST.tsv");
    if (!Files.isRegularFile(manifest)) {
      throw new SourceNotFoundException(manifest,
          "lawrefbook manifest not found: " + manifest.toAbsolutePath().normalize());
    }
    List<String> rows;
    try {
      rows = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    List<String[]> listed = new ArrayList<>();
    Map<String, Integer> titleUses = new HashMap<>();
    List<String> titles = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      String[] f = rows.get(i).split("\t", -1);
      if (f.length < 5 || f[0].isBlank()) {
        continue;
      }
      if (!Files.isRegularFile(folder.resolve(f[0]))) {
        throw new SourceNotFoundException(folder.resolve(f[0]), "file listed in " + manifest + " line "
            + (i + 1) + " is missing: " + folder.resolve(f[0]));
      }
      String title = clean(f[3]);
      int uses = titleUses.merge(title, 1, Integer::sum);
      if (uses > 1) {
        // Several versions of one law: the date tells them apart, as a reader would.
        title = f[4].length() < 4 ? title + "（第" + Numerals.chinese(uses) + "版）"
            : title + "（" + f[4].substring(0, 4) + "年" + (uses > 2 ? "第" + Numerals.chinese(uses) + "版" : "版") + "）";
      }
      listed.add(f);
      titles.add(title);
    }
    // Reading and cutting 1,229 files is most of a small run's time: use every core.
    return IntStream.range(0, listed.size()).parallel().mapToObj(k -> {
      String[] f = listed.get(k);
      try {
        return parse(f[0], f[1], titles.get(k), Files.readAllLines(folder.resolve(f[0]), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + folder.resolve(f[0]) + ": " + e.getMessage(), e);
      }
    }).toList();
  }

  static LawDocument parse(String path, String category, String title, List<String> lines) {
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("<!-- INFO END -->")) {
        start = i + 1;
        break;
      }
    }
    if (start == 0 && !lines.isEmpty() && lines.get(0).startsWith("# ")) {
      start = 1;
    }
    List<LawDocument.Unit> units = new ArrayList<>();
    List<Integer> sections = new ArrayList<>();
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("<!--") || line.startsWith("|")) {
        continue;
      }
      if (line.startsWith("#") || (line.length() <= 40 && CHAPTER_PREFIX.matcher(line).lookingAt()
          && !line.matches("^第[^ ]+条.*"))) {
        String h = clean(CHAPTER_PREFIX.matcher(line.replaceFirst("^#+\\s*", "")).replaceFirst(""));
        if (!h.isEmpty() && h.length() <= 40) {
          sections.add(units.size());
          units.add(new LawDocument.Unit(true, h));
        }
        continue;
      }
      String p = clean(line);
      if (p.length() >= MIN_PARAGRAPH_CHARS) {
        units.add(new LawDocument.Unit(false, p));
      }
    }
    // A heading with nothing after it is not a section.
    while (!units.isEmpty() && units.get(units.size() - 1).heading()) {
      units.remove(units.size() - 1);
      sections.remove(sections.size() - 1);
    }
    return new LawDocument(path, category, title, units, sections);
  }

  /**
   * Text as the site shows it ({@link BodyBuilder#site}) that cannot be mistaken for seed-format
   * markup: no emphasis stars, no tabs or runs of spaces.
   */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*') {
        continue;
      }
      if (c == '\t' || c == '\u3000') {
        c = ' ';
      }
      if (c == ' ' && (sb.length() == 0 || sb.charAt(sb.length() - 1) == ' ')) {
        continue;
      }
      sb.append(c);
    }
    return BodyBuilder.site(sb.toString().strip());
  }
}
