package dev.content.search.internal;

/** Field names of the search index. */
public final class Fields {
  public static final String ID = "id";
  public static final String KIND = "kind";
  public static final String TITLE = "title";
  public static final String BODY = "body";
  public static final String TITLE_WORDS = "title_w";
  public static final String BODY_WORDS = "body_w";
  /** Stubs have fields of their own so that their matches can weigh less. */
  public static final String STUB_TITLE = "stitle";
  public static final String STUB_BODY = "sbody";
  public static final String STUB_TITLE_WORDS = "stitle_w";
  public static final String STUB_BODY_WORDS = "sbody_w";
  public static final String CATEGORY = "cat";
  public static final String FACET = "category";
  public static final String DAY = "day";
  public static final String STUB = "stub";
  public static final String HASH = "hash";
  public static final String TEXT_HASH = "thash";
  public static final String STATS = "stats";
  public static final String STATS_ID = "statsid";

  public static final String KIND_ARTICLE = "article";
  public static final String KIND_META = "meta";
  public static final String META_ID = "\u0000meta";

  private Fields() {}
}
