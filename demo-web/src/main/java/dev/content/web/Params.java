package dev.content.web;

import io.javalin.http.Context;

/** Reads and checks request parameters; anything malformed becomes a 400 naming the parameter. */
final class Params {
  /** Longer queries are no search a reader types; refusing them keeps the index work bounded. */
  static final int MAX_QUERY = 200;
  static final int MAX_PAGE = 100_000;

  private Params() {}

  /** The raw parameter, or empty; a query string that cannot be decoded is a 400. */
  static String text(Context ctx, String name, int maxLength) {
    String v;
    try {
      v = ctx.queryParam(name);
    } catch (RuntimeException e) {
      throw HttpError.badRequest("query string cannot be decoded");
    }
    if (v == null) {
      return "";
    }
    if (v.length() > maxLength) {
      throw HttpError.badRequest("parameter '" + name + "' is longer than " + maxLength + " characters");
    }
    if (hasBrokenText(v)) {
      throw HttpError.badRequest("parameter '" + name + "' is not valid UTF-8 text");
    }
    return v.strip();
  }

  /** A positive integer parameter between 1 and {@code max}, or {@code fallback} when absent. */
  static int positive(Context ctx, String name, int fallback, int max) {
    String v = text(ctx, name, 12);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw HttpError.badRequest("parameter '" + name + "' must be a whole number from 1 to " + max);
  }

  /** A path parameter; undecodable paths are a 400. */
  static String path(Context ctx, String name) {
    try {
      String v = ctx.pathParam(name);
      if (hasBrokenText(v)) {
        throw HttpError.badRequest("the path is not valid UTF-8");
      }
      return v;
    } catch (HttpError e) {
      throw e;
    } catch (RuntimeException e) {
      throw HttpError.badRequest("the path cannot be decoded");
    }
  }

  /** Lone surrogates, the replacement character and control characters never come from a real query. */
  private static boolean hasBrokenText(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\t')) {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
