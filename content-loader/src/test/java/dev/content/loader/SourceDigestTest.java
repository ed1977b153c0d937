package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.content.core.Source;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SourceDigestTest {
  private static final String PAGE = "花呗逾期了怎么办\n\n花呗逾期了怎么办\n\n正文。\n\n(0)\nadmin\n"
      + "上一篇 2025年9月27日 上午7:19\n下一篇 2025年9月27日 上午7:33\n";

  private static String digest(ParseResult r) {
    return r.article().orElseThrow().source().flatMap(Source::digest).orElseThrow();
  }

  @Test
  void digestIsTheSha256OfParserVersionZoneAndText() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((SeedLoader.PARSER_VERSION + "\nAsia/Shanghai\n").getBytes(StandardCharsets.UTF_8));
    String expected = HexFormat.of().formatHex(sha.digest(PAGE.getBytes(StandardCharsets.UTF_8)));

    assertThat(digest(SeedLoader.create().parse(PAGE.getBytes(StandardCharsets.UTF_8), "a.txt")))
        .isEqualTo(expected);
  }

  @Test
  void theSameTextHasTheSameDigestWhateverItsEncodingOrPath() {
    SeedLoader loader = SeedLoader.create();
    String utf8 = digest(loader.parse(PAGE.getBytes(StandardCharsets.UTF_8), "a.txt"));
    String gb = digest(loader.parse(PAGE.getBytes(Charset.forName("GB18030")), "b/c.txt"));
    byte[] bom = ("\uFEFF" + PAGE).getBytes(StandardCharsets.UTF_8);
    String withBom = digest(loader.parse(bom, "d.txt"));
    String text = digest(loader.parse(PAGE, "e.txt"));

    assertThat(gb).isEqualTo(utf8);
    assertThat(withBom).isEqualTo(utf8);
    assertThat(text).isEqualTo(utf8);
  }

  @Test
  void anotherTextOrZoneGivesAnotherDigest() {
    String base = digest(SeedLoader.create().parse(PAGE, "a.txt"));
    String edited = digest(SeedLoader.create().parse(PAGE.replace("正文", "正文二"), "a.txt"));
    String otherZone = digest(SeedLoader.builder().zone(ZoneId.of("UTC")).build().parse(PAGE, "a.txt"));

    assertThat(edited).isNotEqualTo(base);
    assertThat(otherZone).isNotEqualTo(base);
  }
}
