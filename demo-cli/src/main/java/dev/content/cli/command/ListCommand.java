package dev.content.cli.command;

import dev.content.cli.App;
import dev.content.cli.render.ArticleView;
import dev.content.cli.render.Safe;
import dev.content.cli.render.Wrap;
import dev.content.core.Article;
import dev.content.core.Corpus;
import dev.content.core.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list [--category SLUG] [--page N]}: articles newest first, one line each. */
@Command(name = "list", description = "List articles, newest first: number, id, date and title.")
public final class ListCommand extends BaseCommand implements Callable<Integer> {
  @Option(names = "--category", paramLabel = "SLUG", description = "Only this category and its subcategories.")
  String category;

  @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "The page to show (default 1).")
  int page;

  @Option(names = "--page-size", paramLabel = "N", description = "Articles per page (default: the screen's height).")
  Integer pageSize;

  @Option(names = "--stubs", description = "Include stubs (articles known only from related lists).")
  boolean stubs;

  public ListCommand(App app) {
    super(app);
  }

  @Override
  public Integer call() {
    // Categories come from the index; a plain listing needs only the files.
    Corpus corpus = category != null ? corpus() : session().readyCorpus();
    if (page < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--page must be at least 1, was " + page);
    }
    int size = pageSize != null ? Math.max(1, pageSize) : Math.max(5, screen().height() - 2);
    List<Article> all;
    if (category != null) {
      corpus.taxonomy().require(category);
      all = com.google.common.collect.Lists.reverse(corpus.inCategory(category));
    } else {
      all = com.google.common.collect.Lists.reverse(stubs ? corpus.articles() : corpus.fullArticles());
    }
    if (category != null && !stubs) {
      all = all.stream().filter(a -> !a.stub()).toList();
    }
    Page<Article> p = Page.of(all, page, size);
    List<AttributedString> lines = new ArrayList<>();
    List<String> links = new ArrayList<>();
    int numberWidth = String.valueOf(p.total()).length();
    int n = (p.page() - 1) * p.pageSize();
    // Numbers count from the first page, so that they stay what the user saw on earlier pages too.
    List<String> allLinks = new ArrayList<>(n + p.items().size());
    for (int i = 0; i < Math.min(n, all.size()); i++) {
      allLinks.add(all.get(i).id());
    }
    for (Article a : p.items()) {
      n++;
      links.add(a.id());
      AttributedStringBuilder b = new AttributedStringBuilder();
      b.append(String.format("%" + numberWidth + "d  ", n), theme().number());
      b.append(String.format("%-16s  ", a.id()), theme().meta());
      b.append(ArticleView.day(a, corpus.zone()) + "  ", theme().date());
      b.append(Safe.text(a.title()), a.stub() ? theme().stub() : org.jline.utils.AttributedStyle.DEFAULT);
      lines.add(Wrap.truncate(b.toAttributedString(), screen().width()));
    }
    if (p.items().isEmpty()) {
      lines.add(new AttributedString(p.total() == 0 ? "(no articles)" : "(no page " + page + ")", theme().meta()));
    }
    lines.add(new AttributedString("page " + p.page() + " of " + p.pageCount() + " · " + p.total() + " articles"
        + (category != null ? " in " + category : "")
        + (p.hasNext() ? " · next: list" + (category != null ? " --category " + category : "")
            + " --page " + (p.page() + 1) : ""), theme().meta()));
    allLinks.addAll(links);
    session().links(allLinks);
    screen().show(lines);
    return 0;
  }
}
