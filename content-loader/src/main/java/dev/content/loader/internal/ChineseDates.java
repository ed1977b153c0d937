package dev.content.loader.internal;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the dates of the seed format: {@code 2025年9月27日 上午7:19} in footers and
 * {@code 2025年10月6日} in related listings, as WordPress's Chinese locale prints them.
 *
 * <p>Twelve-hour rules (the period word decides): 凌晨/早上/早晨/上午 12:xx is 00:xx; 中午 keeps 11 and 12 and
 * adds 12 to 1–2; 下午/傍晚/晚上 add 12 to 1–11 and keep 12 as noon (下午12:30 is 12:30), except 晚上12:xx
 * and 午夜12:xx, which are midnight (the next day's 00:xx). Without a period word the hour is read on
 * the 24-hour clock. Full-width digits and colons are accepted (NFKC).
 */
public final class ChineseDates {
  private static final Pattern DATE = Pattern.compile(
      "(\\d{4})\\s*(?:年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日|[-/.](\\d{1,2})[-/.](\\d{1,2}))");
  private static final Pattern TIME = Pattern.compile(
      "\\s*(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|午夜)?\\s*(\\d{1,2})\\s*[:点时]\\s*(\\d{1,2})?\\s*分?");

  private ChineseDates() {}

  /** A parsed footer time or listing date: the date, and the time when one was given. */
  public record Parsed(LocalDate date, Optional<LocalTime> time) {
    public LocalDateTime atTimeOrStartOfDay() {
      return time.map(date::atTime).orElse(date.atStartOfDay());
    }
  }

  /** Thrown for text that looks like a date but is not a valid one; the message says why. */
  public static final class InvalidDate extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;

    InvalidDate(String message, int column) {
      super(message);
      this.column = column;
    }

    /** 1-based column within the parsed text where the problem starts. */
    public int column() {
      return column;
    }
  }

  /**
   * Parses a whole string as a date with an optional time.
   *
   * @return empty if the text is not a date at all
   * @throws InvalidDate if it is shaped like one but a field is out of range
   */
  public static Optional<Parsed> parse(String raw) throws InvalidDate {
    String stripped = raw.strip();
    if (stripped.isEmpty() || !isDigit(stripped.charAt(0))) {
      return Optional.empty(); // every date starts with its year: skip normalising most lines
    }
    Parsed common = fastPath(stripped);
    if (common != null) {
      return Optional.of(common);
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    Matcher d = DATE.matcher(text);
    if (!d.lookingAt()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(d.group(1));
    int month = Integer.parseInt(d.group(2) != null ? d.group(2) : d.group(4));
    int day = Integer.parseInt(d.group(3) != null ? d.group(3) : d.group(5));
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new InvalidDate("invalid date " + text.substring(0, d.end()) + ": " + e.getMessage(), 1);
    }
    String rest = text.substring(d.end());
    if (rest.isBlank()) {
      return Optional.of(new Parsed(date, Optional.empty()));
    }
    Matcher t = TIME.matcher(rest);
    if (!t.matches()) {
      return Optional.empty();
    }
    int column = d.end() + 1;
    int hour = Integer.parseInt(t.group(2));
    int minute = t.group(3) == null ? 0 : Integer.parseInt(t.group(3));
    if (minute > 59) {
      throw new InvalidDate("invalid minute " + minute + " in " + text, column);
    }
    String period = t.group(1);
    if (period == null) {
      if (hour > 23) {
        throw new InvalidDate("invalid hour " + hour + " in " + text, column);
      }
      return Optional.of(new Parsed(date, Optional.of(LocalTime.of(hour, minute))));
    }
    if (hour < 1 || hour > 12) {
      throw new InvalidDate("invalid hour " + hour + " for " + period + " (12-hour clock) in " + text, column);
    }
    return Optional.of(twelveHour(date, period, hour, minute));
  }

  /** The 12-hour rules of the class comment; {@code hour} is 1 to 12. */
  private static Parsed twelveHour(LocalDate date, String period, int hour, int minute) {
    int h24;
    switch (period) {
      case "凌晨", "早上", "早晨", "上午" -> h24 = hour == 12 ? 0 : hour;
      case "中午" -> h24 = hour >= 11 ? hour : hour + 12;
      case "晚上", "午夜" -> h24 = hour == 12 ? 24 : hour + 12;
      default -> h24 = hour == 12 ? 12 : hour + 12; // 下午, 傍晚
    }
    if (h24 == 24) {
      return new Parsed(date.plusDays(1), Optional.of(LocalTime.of(0, minute)));
    }
    return new Parsed(date, Optional.of(LocalTime.of(h24, minute)));
  }

  private static final java.util.Set<String> PERIODS =
      java.util.Set.of("凌晨", "早上", "早晨", "上午", "中午", "下午", "傍晚", "晚上", "午夜");

  /**
   * The site's own forms, {@code 2025年9月27日} and {@code 2025年9月27日 上午7:19}, read without regex or
   * normalisation; null for anything else (including invalid values), which the general path handles.
   */
  private static Parsed fastPath(String s) {
    int[] pos = {0};
    int year = digits(s, pos, 4, 4);
    if (year < 0 || !expect(s, pos, '年')) {
      return null;
    }
    int month = digits(s, pos, 1, 2);
    if (month < 1 || month > 12 || !expect(s, pos, '月')) {
      return null;
    }
    int day = digits(s, pos, 1, 2);
    if (day < 1 || !expect(s, pos, '日')) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
    if (pos[0] == s.length()) {
      return new Parsed(date, Optional.empty());
    }
    if (!expect(s, pos, ' ') || pos[0] + 2 > s.length()) {
      return null;
    }
    String period = s.substring(pos[0], pos[0] + 2);
    if (!PERIODS.contains(period)) {
      return null;
    }
    pos[0] += 2;
    int hour = digits(s, pos, 1, 2);
    if (hour < 1 || hour > 12 || !expect(s, pos, ':')) {
      return null;
    }
    int minute = digits(s, pos, 2, 2);
    if (minute < 0 || minute > 59 || pos[0] != s.length()) {
      return null;
    }
    return twelveHour(date, period, hour, minute);
  }

  private static int digits(String s, int[] pos, int min, int max) {
    int value = 0;
    int n = 0;
    while (n < max && pos[0] < s.length() && s.charAt(pos[0]) >= '0' && s.charAt(pos[0]) <= '9') {
      value = value * 10 + (s.charAt(pos[0]) - '0');
      pos[0]++;
      n++;
    }
    return n >= min ? value : -1;
  }

  private static boolean expect(String s, int[] pos, char c) {
    if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
      pos[0]++;
      return true;
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
  }

  /** {@code 2025年9月27日 上午7:19}: the seed format of a footer time (上午 before noon, 下午 from noon). */
  public static String format(LocalDateTime t) {
    int h = t.getHour();
    String period = h < 12 ? "上午" : "下午";
    int h12 = h % 12 == 0 ? 12 : h % 12;
    return format(t.toLocalDate()) + " " + period + h12 + ":" + String.format("%02d", t.getMinute());
  }

  /** {@code 2025年10月6日}: the seed format of a listing date. */
  public static String format(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }
}
