package dev.content.generator.internal;

import java.util.List;

/**
 * One lawrefbook document cut into units (section headings and paragraphs), in reading order.
 *
 * @param path the path relative to the lawrefbook folder
 * @param category the top folder
 * @param title the document title from the manifest, made unique among documents
 * @param units headings and paragraphs; headings carry no {@code 第一章} prefix
 * @param sectionStarts the indexes of heading units, where a section begins
 */
public record LawDocument(String path, String category, String title, List<Unit> units,
    List<Integer> sectionStarts) {
  public LawDocument {
    units = List.copyOf(units);
    sectionStarts = List.copyOf(sectionStarts);
  }

  /** A heading or a paragraph of the source text. */
  public record Unit(boolean heading, String text) {}

  /** Characters of text in units {@code [from, to)}. */
  public int chars(int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += units.get(i).text().length();
    }
    return n;
  }
}
