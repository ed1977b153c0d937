package dev.content.json.internal;

import dev.content.core.CategoryAssignment;
import dev.content.core.Relation;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The spellings the JSON format uses for enum values and times, in one place for writer and reader. */
final class JsonNames {
  private JsonNames() {}

  /** Always with seconds, so that every time has the same shape ({@code toString()} drops zero seconds). */
  static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  static String time(OffsetDateTime t) {
    return TIME.format(t);
  }

  static String source(CategoryAssignment.Source s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  static CategoryAssignment.Source source(String s) {
    return CategoryAssignment.Source.valueOf(s.toUpperCase(Locale.ROOT));
  }

  static String kind(Relation.Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  static String reasonKind(Relation.ReasonKind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
