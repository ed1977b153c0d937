package dev.content.web;

import dev.content.core.Article;
import dev.content.core.PublishWindow;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Formats dates and times the way the original Chinese WordPress pages did ({@code 2025年9月27日 上午7:19}). */
public final class Fmt {
  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  private Fmt() {}

  /** {@code 2025年9月27日}. */
  public static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  /** {@code 上午7:19}: the 12-hour clock of the site, where 00:08 is {@code 上午12:08} and 12:30 is {@code 下午12:30}. */
  public static String clock(OffsetDateTime t) {
    int h = t.getHour();
    String half = h < 12 ? "上午" : "下午";
    int h12 = h % 12 == 0 ? 12 : h % 12;
    return half + h12 + ":" + String.format("%02d", t.getMinute());
  }

  /** {@code 2025年9月27日 上午7:19}, in the corpus zone. */
  public static String dateTime(OffsetDateTime t, ZoneId zone) {
    OffsetDateTime local = t.atZoneSameInstant(zone).toOffsetDateTime();
    return date(local.toLocalDate()) + " " + clock(local);
  }

  /** The ISO date of the article's publish time as far as known, for {@code <time datetime>}. */
  public static String isoDate(Article a, ZoneId zone) {
    return day(a, zone).map(ISO_DATE::format).orElse("");
  }

  /** The day an article was published on, as far as the page tells. */
  public static Optional<LocalDate> day(Article a, ZoneId zone) {
    PublishWindow w = a.publishWindow(zone);
    return w.notBefore().or(w::notAfter).map(t -> t.atZoneSameInstant(zone).toLocalDate());
  }

  /** The article's date for lists: {@code 2025年9月27日}, or empty text when unknown. */
  public static String shortDate(Article a, ZoneId zone) {
    return day(a, zone).map(Fmt::date).orElse("");
  }

  /**
   * What the page tells of the publish time. The scraped pages show only the neighbouring posts'
   * times, so a full article is "between" them; a stub has the listed day.
   */
  public static String publishWindow(Article a, ZoneId zone) {
    if (a.previousPostAt().isPresent() && a.nextPostAt().isPresent()) {
      OffsetDateTime from = a.previousPostAt().get().atZoneSameInstant(zone).toOffsetDateTime();
      OffsetDateTime to = a.nextPostAt().get().atZoneSameInstant(zone).toOffsetDateTime();
      String end = from.toLocalDate().equals(to.toLocalDate()) ? clock(to) : dateTime(to, zone);
      return "发布于 " + dateTime(from, zone) + " 至 " + end + " 之间";
    }
    if (a.previousPostAt().isPresent()) {
      return "发布于 " + dateTime(a.previousPostAt().get(), zone) + " 之后";
    }
    if (a.nextPostAt().isPresent()) {
      return "发布于 " + dateTime(a.nextPostAt().get(), zone) + " 之前";
    }
    return a.date().map(d -> "发布于 " + date(d)).orElse("发布时间未知");
  }

  /**
   * A list marker as the badge shows it: the number without its trailing {@code .} or {@code 、}
   * ({@code 1.} → {@code 1}); bracketed and circled markers stay as written.
   */
  public static String marker(String marker) {
    String m = marker.strip();
    return m.matches("\\d{1,3}[.、．]") ? m.substring(0, m.length() - 1) : m;
  }

  /**
   * A listed excerpt for display: the site cut excerpts from the Markdown source, so they can hold
   * {@code **} emphasis markers, which mean nothing once cut.
   */
  public static String excerpt(String excerpt) {
    return excerpt.replace("**", "");
  }

  /**
   * The teaser of a card: a full article's own opening (a listing's excerpt of it may be a stub's
   * cut), a stub's listed excerpt; without emphasis markers either way.
   */
  public static String teaser(Article a, int maxChars) {
    if (a.stub() || a.body().isEmpty()) {
      return excerpt(a.summary(maxChars));
    }
    return a.lead(maxChars);
  }

  /** A score such as {@code 0.42}. */
  public static String score(double s) {
    return String.format("%.2f", s);
  }
}
