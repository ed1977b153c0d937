package dev.content.generator.internal;

/** Chinese numerals as section headings and title variants use them. */
public final class Numerals {
  private static final String DIGITS = "零一二三四五六七八九";

  private Numerals() {}

  /** {@code 1} → 一, {@code 12} → 十二, {@code 20} → 二十, {@code 105} → 一百零五; up to 9,999. */
  public static String chinese(int n) {
    if (n < 0 || n > 9999) {
      throw new IllegalArgumentException("numeral out of range: " + n);
    }
    if (n < 10) {
      return String.valueOf(DIGITS.charAt(n));
    }
    if (n < 20) {
      return "十" + (n % 10 == 0 ? "" : DIGITS.charAt(n % 10));
    }
    if (n < 100) {
      return DIGITS.charAt(n / 10) + "十" + (n % 10 == 0 ? "" : DIGITS.charAt(n % 10));
    }
    StringBuilder out = new StringBuilder();
    int[] units = {1000, 100, 10, 1};
    String[] names = {"千", "百", "十", ""};
    boolean zero = false;
    boolean started = false;
    for (int i = 0; i < units.length; i++) {
      int d = (n / units[i]) % 10;
      if (d == 0) {
        zero = started;
        continue;
      }
      if (zero) {
        out.append('零');
        zero = false;
      }
      out.append(DIGITS.charAt(d)).append(names[i]);
      started = true;
    }
    return out.toString();
  }
}
