package dev.content.web;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Conditional GET (RFC 9110 §13): whether the client's copy is still current. */
final class Conditional {
  private Conditional() {}

  /**
   * HTTP's IMF-fixdate (RFC 9110 §5.6.7): a two-digit day, unlike {@link DateTimeFormatter#RFC_1123_DATE_TIME}
   * which writes "1 Jan".
   */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT);

  /** {@code t} as an HTTP date (whole seconds, GMT), the form of {@code Last-Modified}. */
  static String httpDate(Instant t) {
    return IMF_FIXDATE.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC));
  }

  /**
   * True when {@code If-None-Match} names {@code etag} (weak comparison) or, without it, when
   * {@code If-Modified-Since} is not before {@code lastModified}. The two header values may be null.
   */
  static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
    if (ifNoneMatch != null) {
      return matches(ifNoneMatch, etag);
    }
    String since = ifModifiedSince;
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
