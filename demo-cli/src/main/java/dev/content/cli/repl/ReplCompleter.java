package dev.content.cli.repl;

import dev.content.cli.Session;
import dev.content.core.Article;
import dev.content.core.Category;
import dev.content.search.Suggestion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion: command names, then each command's options, category slugs after
 * {@code --category}, and for article arguments ids (by hex prefix) and titles (by prefix, also
 * Chinese, folded like titles in related lists).
 */
final class ReplCompleter implements Completer {
  /** Commands whose argument is an article. */
  private static final Set<String> ARTICLE_ARGS = Set.of("show", "related", "graph", "source");
  private static final int MAX_TITLES = 200;

  private final CommandLine commands;
  private final Session session;

  ReplCompleter(CommandLine commands, Session session) {
    this.commands = commands;
    this.session = session;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    String word = line.word().substring(0, Math.min(line.word().length(), line.wordCursor()));
    Map<String, CommandLine> subs = commands.getSubcommands();
    if (index == 0) {
      for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
        CommandSpec spec = e.getValue().getCommandSpec();
        if (e.getKey().startsWith(word)) {
          String[] description = spec.usageMessage().description();
          candidates.add(new Candidate(e.getKey(), e.getKey(), "commands",
              description.length > 0 ? description[0] : null, null, null, true));
        }
      }
      return;
    }
    String command = words.get(0);
    CommandLine sub = subs.get(command);
    if (sub == null) {
      return;
    }
    String previous = index > 0 && index - 1 < words.size() ? words.get(index - 1) : "";
    if ("--category".equals(previous)) {
      categories(word, candidates);
      return;
    }
    if (word.startsWith("-")) {
      for (OptionSpec o : sub.getCommandSpec().options()) {
        for (String name : o.names()) {
          if (name.startsWith("--") && name.startsWith(word)) {
            candidates.add(new Candidate(name, name, "options",
                o.description().length > 0 ? o.description()[0] : null, null, null, true));
          }
        }
      }
      return;
    }
    if ("help".equals(command)) {
      subs.keySet().stream().filter(k -> k.startsWith(word)).forEach(k -> candidates.add(new Candidate(k)));
      return;
    }
    if ("search".equals(command) && session.indexed() && !word.isEmpty()) {
      for (Suggestion s : session.library().suggest(word, MAX_TITLES)) {
        candidates.add(new Candidate(s.title(), s.title(), "titles", s.stub() ? "stub" : s.id(), null, null, true));
      }
      return;
    }
    if (ARTICLE_ARGS.contains(command) || "search".equals(command)) {
      articles(word, candidates, !"search".equals(command));
    }
  }

  private void categories(String word, List<Candidate> candidates) {
    if (!session.loaded()) {
      return;
    }
    // Never wait for the index while the user is typing.
    for (Category c : session.readyCorpus().taxonomy().all()) {
      if (c.slug().startsWith(word)) {
        candidates.add(new Candidate(c.slug(), c.slug(), "categories", c.name(), null, null, true));
      }
    }
  }

  private void articles(String word, List<Candidate> candidates, boolean ids) {
    if (!session.loaded() || word.isEmpty()) {
      return;
    }
    if (ids) {
      for (Article a : session.titles().idsStartingWith(word, MAX_TITLES)) {
        candidates.add(new Candidate(a.id(), a.id(), "ids", a.title(), null, null, true));
      }
    }
    for (Article a : session.titles().titlesStartingWith(word, MAX_TITLES)) {
      // The candidate keeps the start the user typed, so that the line editor accepts it as a match
      // even where folding made them differ (full-width letters, spaces).
      String value = a.title().startsWith(word) ? a.title()
          : word + a.title().substring(Math.min(a.title().length(), word.length()));
      candidates.add(new Candidate(value, a.title(), "titles", a.stub() ? "stub" : a.id(), null, null, true));
    }
  }
}
