package dev.content.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class AnsiTest {
  @Test
  void keepsBoxDrawingCharactersWhileStyling() {
    AttributedString tree = new AttributedStringBuilder().append("├─ ", AttributedStyle.DEFAULT.faint())
        .append("网贷", AttributedStyle.BOLD).append(" │└─").toAttributedString();
    String ansi = Ansi.of(tree);
    assertThat(ansi.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("├─ 网贷 │└─");
    assertThat(ansi).containsPattern("\u001b\\[[0-9;]*1m网贷");
  }
}
