package dev.content.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Relation;
import java.io.IOException;

/** Writes one edge of the related graph as {@code {id,title,stub,kind,score,reasons}}. */
public final class RelationWriter {
  private RelationWriter() {}

  /** Writes {@code r} as seen from its {@code other} end (the target for related, the source for backlinks). */
  public static void write(JsonGenerator g, Corpus corpus, Relation r, String other) throws IOException {
    Article target = corpus.require(other);
    g.writeStartObject();
    g.writeStringField("id", target.id());
    g.writeStringField("title", target.title());
    g.writeBooleanField("stub", target.stub());
    g.writeStringField("kind", JsonNames.kind(r.kind()));
    g.writeNumberField("score", r.score());
    g.writeArrayFieldStart("reasons");
    for (Relation.Reason reason : r.reasons()) {
      g.writeStartObject();
      g.writeStringField("kind", JsonNames.reasonKind(reason.kind()));
      g.writeStringField("label", reason.label());
      g.writeNumberField("weight", reason.weight());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
