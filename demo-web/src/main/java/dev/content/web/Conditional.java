package dev.content.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Conditional GET (RFC 9110 §13): whether the client's copy is still current. */
final class Conditional {
  private Conditional() {}

  /** {@code t} as an HTTP date (RFC 1123, whole seconds, GMT), the form of {@code Last-Modified}. */
  static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC));
  }

  /**
   * True when {@code If-None-Match} names {@code etag} (weak comparison) or, without it, when
   * {@code If-Modified-Since} is not before {@code lastModified}.
   */
  static boolean notModified(HttpServletRequest req, String etag, Instant lastModified) {
    String tags = req.getHeader("If-None-Match");
    if (tags != null) {
      return matches(tags, etag);
    }
    String since = req.getHeader("If-Modified-Since");
    if (since == null) {
      return false;
    }
    try {
      Instant t = ZonedDateTime.parse(since.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(t);
    } catch (DateTimeParseException e) {
      return false; // an unreadable date is ignored, as the RFC says
    }
  }

  private static boolean matches(String tags, String etag) {
    String mine = opaque(etag);
    for (String t : tags.split(",")) {
      String tag = t.strip();
      if (tag.equals("*") || opaque(tag).equals(mine)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
