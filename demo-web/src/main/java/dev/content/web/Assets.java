package dev.content.web;

import com.google.common.base.Suppliers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The site's static files, read once from the classpath and served from memory.
 *
 * <p>Why not Jetty's resource handler: from a shaded jar it mounts the whole jar as a zip file system
 * per handler, and the index of a jar with every dependency inside costs about 25 MB of heap (117,552
 * {@code ZipFileSystem$IndexNode}s measured at 10,000 articles) to serve four files. A fixed list also
 * means no path from a URL ever reaches a file system, so traversal is impossible by construction.
 */
final class Assets {
  /** URL path of ECharts, from its WebJar (the version is the parent POM's). */
  static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";

  private final Map<String, Supplier<Body>> byPath;

  private Assets(Map<String, Supplier<Body>> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /**
   * Finds every asset; a missing one is a packaging bug, reported at start-up, not on first request.
   * Each is read and compressed when first asked for: ECharts' megabyte costs a start tens of
   * milliseconds of deflate on a core that the load and the index need, for a page few readers open
   * first.
   */
  static Assets load() {
    Map<String, Supplier<Body>> m = new LinkedHashMap<>();
    for (String f : new String[] {"site.css", "site.js", "graph.js"}) {
      m.put("/static/" + f, lazy("static/" + f));
    }
    m.put(ECHARTS, lazy("META-INF/resources" + ECHARTS));
    return new Assets(m);
  }

  /** The asset at a URL path, or null when it is not one of ours. */
  Body get(String path) {
    Supplier<Body> a = byPath.get(path);
    return a == null ? null : a.get();
  }

  /** One asset, found at once, read and compressed on first use. */
  private static Supplier<Body> lazy(String resource) {
    if (Assets.class.getClassLoader().getResource(resource) == null) {
      throw new IllegalStateException("static file missing from the classpath: " + resource);
    }
    return Suppliers.memoize(() -> asset(resource));
  }

  /** Every URL path served. */
  Iterable<String> paths() {
    return byPath.keySet();
  }

  private static Body asset(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("static file missing from the classpath: " + resource);
      }
      // Browsers ask for these with gzip: only the compressed copy stays in the heap.
      return Body.compressedOnly(type(resource), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read static file " + resource, e);
    }
  }

  private static String type(String resource) {
    if (resource.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (resource.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    throw new IllegalArgumentException("no media type for " + resource);
  }
}
