package dev.content.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The test corpora under src/test/resources and a way to run the CLI in-process. */
public final class Fixtures {
  private Fixtures() {}

  public static final String SEED_ID = "cf47211e9869dcd2";
  public static final String SECOND_ID = "a1b2c3d4e5f60718";

  /** Two articles that list each other; the second has control characters in its body. */
  public static Path corpus() {
    return resource("corpus");
  }

  /** The seed plus an empty file, which is an error. */
  public static Path broken() {
    return resource("broken");
  }

  static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a batch run printed and returned. */
  public record Run(int code, String out, String err) {}

  public static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = App.of(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
