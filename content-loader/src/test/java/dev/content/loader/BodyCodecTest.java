package dev.content.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.content.core.Block;
import dev.content.core.Inline;
import dev.content.core.LineRange;
import dev.content.loader.internal.BodyCodec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyCodecTest {
  @Test
  void everyKindOfBlockSurvivesTheRoundTrip() {
    List<Block> body = List.of(
        new Block.Paragraph(List.of(Inline.plain("近年来，"), Inline.strong("网贷"), Inline.plain("逾期\\n第二行")),
            Optional.of(new LineRange(3, 4))),
        new Block.Heading(2, List.of(Inline.plain("一、法律是怎么规定的")), Optional.empty()),
        new Block.OrderedList(List.of(
            new Block.ListItem("1.", List.of(Inline.strong("保持沟通")), List.of(Inline.plain("，避免失联。")),
                Optional.of(LineRange.of(9))),
            new Block.ListItem("（2）", List.of(), List.of(Inline.plain("😀 emoji 与 ASCII")), Optional.empty())),
            Optional.of(new LineRange(9, 10))),
        new Block.Paragraph(List.of(), Optional.empty()));

    byte[] encoded = BodyCodec.encode(body);

    assertThat(BodyCodec.decode(ByteBuffer.wrap(encoded))).isEqualTo(body);
    ByteBuffer direct = ByteBuffer.allocateDirect(encoded.length + 5);
    direct.position(5);
    direct.put(encoded).position(5);
    assertThat(BodyCodec.decode(direct.slice())).isEqualTo(body);
    assertThat(BodyCodec.decode(ByteBuffer.wrap(BodyCodec.encode(List.of())))).isEmpty();
  }

  @Test
  void theBodiesOfEverySpecFileSurviveTheRoundTrip() throws Exception {
    Path spec = Path.of(getClass().getResource("/spec/000_cf47211e9869dcd2.txt").toURI()).getParent();
    int bodies = 0;
    try (var files = Files.list(spec)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        var article = SeedLoader.create().parse(f).article();
        if (article.isPresent()) {
          List<Block> body = article.get().body();
          assertThat(BodyCodec.decode(ByteBuffer.wrap(BodyCodec.encode(body)))).as(f.toString()).isEqualTo(body);
          bodies++;
        }
      }
    }
    assertThat(bodies).isGreaterThan(5);
  }

  @Test
  void bytesThatAreNoBodyAreRefused() {
    byte[] encoded = BodyCodec.encode(List.of(new Block.Paragraph(List.of(Inline.plain("正文")))));
    assertThatThrownBy(() -> BodyCodec.decode(ByteBuffer.wrap(Arrays.copyOf(encoded, encoded.length - 2))))
        .isInstanceOf(IllegalStateException.class);
    byte[] extended = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> BodyCodec.decode(ByteBuffer.wrap(extended)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("after the last block");
    byte[] kind = encoded.clone();
    kind[1] = 7;
    assertThatThrownBy(() -> BodyCodec.decode(ByteBuffer.wrap(kind)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown block kind 7");
  }
}
