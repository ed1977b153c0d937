package dev.content.web;

import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.core.Corpus;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The Atom feed and the sitemap, written with an XML writer so every text is escaped. */
final class Feeds {
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
  private static final int FEED_ENTRIES = 20;

  private Feeds() {}

  static byte[] atom(Snapshot s, String origin) {
    Corpus c = s.corpus();
    return write(w -> {
      w.writeStartElement("feed");
      w.writeDefaultNamespace("http://www.w3.org/2005/Atom");
      w.writeAttribute("xml:lang", "zh-CN");
      element(w, "title", "消费金融与法律问答 · 最新文章");
      element(w, "id", origin + "/");
      link(w, origin + "/feed.xml", "self");
      link(w, origin + "/", "alternate");
      List<Article> latest = s.newestFirst().subList(0, Math.min(FEED_ENTRIES, s.newestFirst().size()));
      Instant updated = latest.isEmpty() ? s.loadedAt() : instant(latest.get(0), s);
      element(w, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
      for (Article a : latest) {
        w.writeStartElement("entry");
        element(w, "title", a.title());
        element(w, "id", origin + Urls.article(a.id()));
        link(w, origin + Urls.article(a.id()), "alternate");
        element(w, "updated", DateTimeFormatter.ISO_INSTANT.format(instant(a, s)));
        w.writeStartElement("author");
        element(w, "name", a.author().orElse("佚名"));
        w.writeEndElement();
        for (var ca : a.categories()) {
          w.writeEmptyElement("category");
          w.writeAttribute("term", ca.slug());
          w.writeAttribute("label", clean(c.taxonomy().get(ca.slug()).map(Category::name).orElse(ca.slug())));
        }
        element(w, "summary", a.summary(160));
        w.writeEndElement();
      }
      w.writeEndElement();
    });
  }

  static byte[] sitemap(Snapshot s, String origin) {
    Corpus c = s.corpus();
    return write(w -> {
      w.writeStartElement("urlset");
      w.writeDefaultNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
      url(w, origin + "/", null);
      url(w, origin + "/categories", null);
      for (Category cat : c.taxonomy().all()) {
        url(w, origin + Urls.category(cat.slug()), null);
      }
      for (Article a : c.fullArticles()) {
        url(w, origin + Urls.article(a.id()), Fmt.isoDate(a, c.zone()));
      }
      w.writeEndElement();
    });
  }

  private static Instant instant(Article a, Snapshot s) {
    return a.publishWindow(s.corpus().zone()).sortInstant().orElse(s.loadedAt());
  }

  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
    return out.toByteArray();
  }

  private static void url(XMLStreamWriter w, String loc, String lastmod) throws XMLStreamException {
    w.writeStartElement("url");
    element(w, "loc", loc);
    if (lastmod != null && !lastmod.isEmpty()) {
      element(w, "lastmod", lastmod);
    }
    w.writeEndElement();
  }

  private static void link(XMLStreamWriter w, String href, String rel) throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("href", href);
  }

  private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(clean(text));
    w.writeEndElement();
  }

  /** XML 1.0 forbids most control characters even as references; they carry no meaning in a title. */
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(cp -> cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF))
        .forEach(b::appendCodePoint);
    return b.toString();
  }
}
