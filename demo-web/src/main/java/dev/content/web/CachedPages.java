package dev.content.web;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves what is already rendered — the current snapshot's cached pages and the static files — with
 * Jetty's core API, in front of Javalin's servlet context; every other request goes on to Javalin
 * unchanged.
 *
 * <p>Why: a cached article page cost about 45 µs of CPU through Jetty's servlet layer and Javalin's
 * pipeline (request and response wrappers, session handler, routing, before-handlers), most of the
 * request. Here it is a map lookup and one write. The response is the one Javalin's handlers send for
 * the same output (same security headers, validators, 304, HEAD, gzip), which the tests compare header
 * by header.
 *
 * <p>It serves only an exact hit: the request's raw path and query must be the canonical URL the
 * output was cached under by a Javalin handler (which validated it first), so anything unusual —
 * another spelling of the same URL, an unknown page, a 404 — reaches Javalin as before.
 */
final class CachedPages extends Handler.Wrapper {
  private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
  private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, HttpHeader.ACCEPT_ENCODING.asString());
  private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
  private static final List<HttpField> SECURITY = Site.SECURITY_HEADERS.entrySet().stream()
      .map(e -> (HttpField) new PreEncodedHttpField(e.getKey(), e.getValue())).toList();

  private final Supplier<Snapshot> current;
  private final Assets assets;
  private final Instant assetsModified;
  private final HttpField assetsModifiedField;
  private final HttpField assetsCacheControl;
  private final HttpField pagesCacheControl;
  private final Set<String> perOrigin;
  private final LongAdder served = new LongAdder();
  /**
   * Whether cached pages are answered on Jetty's selector threads ({@value #ON_SELECTORS_PROPERTY},
   * default true; false: Jetty hands every request to a pool thread, as before). A switch for
   * measuring both on one build: {@code JAVA_TOOL_OPTIONS=-Dcontent.web.onSelectors=false}.
   */
  static final String ON_SELECTORS_PROPERTY = "content.web.onSelectors";
  private final boolean onSelectors = !"false".equals(System.getProperty(ON_SELECTORS_PROPERTY));

  /**
   * @param perOrigin paths whose output depends on the Host the client used (cached under
   *     {@link Site#origin} + path)
   */
  CachedPages(Supplier<Snapshot> current, Assets assets, Instant assetsModified, String assetsCacheControl,
      String pagesCacheControl, Set<String> perOrigin) {
    this.current = Objects.requireNonNull(current, "current must not be null");
    this.assets = Objects.requireNonNull(assets, "assets must not be null");
    this.assetsModified = assetsModified;
    this.assetsModifiedField = new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, Conditional.httpDate(assetsModified));
    this.assetsCacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, assetsCacheControl);
    this.pagesCacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, pagesCacheControl);
    this.perOrigin = Set.copyOf(perOrigin);
  }

  /** Responses this handler has sent itself (tests: proof that the fast path was taken). */
  long served() {
    return served.sum();
  }

  /**
   * Non-blocking: a cached page is a lookup and an asynchronous write, so Jetty may call this handler
   * on its selector thread, like nginx's event loop: no hand-off to a pool thread and no wake-up per
   * request. What may block or take long — Javalin's servlet pipeline, a first gzip compression —
   * is handed to the thread pool here instead.
   */
  @Override
  public InvocationType getInvocationType() {
    return onSelectors ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    boolean head = HttpMethod.HEAD.is(method);
    if (!head && !HttpMethod.GET.is(method)) {
      return next(request, response, callback);
    }
    HttpFields headers = request.getHeaders();
    if (headers.contains(METHOD_OVERRIDE)) {
      return next(request, response, callback); // Javalin honours it: not a GET for Javalin
    }
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    String query = uri.getQuery();
    Body body = null;
    Snapshot s = null;
    if (query == null) {
      body = assets.get(path);
    }
    if (body == null) {
      s = current.get();
      if (s == null) {
        return next(request, response, callback); // still loading: Javalin's handlers wait for it
      }
      String target = query == null ? path : path + "?" + query;
      body = s.peek(target);
      if (body == null && perOrigin.contains(path)) {
        body = s.peek(Site.origin(uri.getScheme(), headers.get(HttpHeader.HOST)) + target);
      }
      if (body == null) {
        return next(request, response, callback);
      }
    }
    boolean gzip = body.compressible() && Site.acceptsGzip(headers.get(HttpHeader.ACCEPT_ENCODING));
    if (onSelectors && (gzip ? !body.gzipped() : !head && !body.plainInMemory())) {
      // The first gzip client compresses the body, a client without gzip of a file kept compressed
      // inflates it (milliseconds for a large one): not on the selector thread.
      Body b = body;
      Snapshot snapshot = s;
      request.getContext().execute(() -> {
        try {
          send(request, response, callback, b, snapshot, gzip, head);
        } catch (Throwable x) {
          callback.failed(x);
        }
      });
    } else {
      send(request, response, callback, body, s, gzip, head);
    }
    return true;
  }

  /**
   * Javalin's servlet pipeline may block (it is written against blocking streams): it runs on a pool
   * thread, as it did before this handler declared itself non-blocking.
   */
  private boolean next(Request request, Response response, Callback callback) throws Exception {
    Handler next = getHandler();
    if (next == null || !onSelectors) {
      return super.handle(request, response, callback); // already on a pool thread
    }
    request.getContext().execute(() -> {
      try {
        if (!next.handle(request, response, callback)) {
          Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable x) {
        callback.failed(x);
      }
    });
    return true;
  }

  private void send(Request request, Response response, Callback callback, Body body, Snapshot s, boolean gzip,
      boolean head) {
    served.increment();
    HttpFields headers = request.getHeaders();
    HttpFields.Mutable out = response.getHeaders();
    for (HttpField f : SECURITY) {
      out.add(f);
    }
    out.add(HttpHeader.ETAG, body.etag());
    if (s == null) {
      out.add(assetsModifiedField);
      out.add(assetsCacheControl);
    } else {
      out.add(HttpHeader.LAST_MODIFIED, s.lastModified());
      out.add(pagesCacheControl);
    }
    out.add(VARY);
    if (Conditional.notModified(headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_MODIFIED_SINCE),
        body.etag(), s == null ? assetsModified : s.loadedAt())) {
      response.setStatus(304);
      response.write(true, null, callback);
      return;
    }
    response.setStatus(200);
    out.add(contentType(body.type()));
    byte[] bytes = gzip ? body.gzip() : head ? null : body.bytes();
    if (gzip) {
      out.add(GZIP);
    }
    out.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, bytes != null ? bytes.length : body.length()));
    response.write(true, head ? null : ByteBuffer.wrap(bytes), callback);
  }

  /** The Content-Type field as Jetty's servlet layer writes it (known types in Jetty's own spelling). */
  private static HttpField contentType(String type) {
    MimeTypes.Type known = MimeTypes.CACHE.get(type);
    return known != null ? known.getContentTypeField() : new HttpField(HttpHeader.CONTENT_TYPE, type);
  }
}
