/**
 * Turns real Chinese text (the lawrefbook collection of PRC laws and court cases) into seed-format
 * corpora of any size, with footers, posting times and {@code 相关文章} lists that link inside the
 * corpus, for benchmarks and quality measurements. Front door: {@link dev.content.generator.CorpusGenerator}.
 */
module dev.content.generator {
  requires transitive dev.content.core;
  requires dev.content.loader;

  exports dev.content.generator;
}
