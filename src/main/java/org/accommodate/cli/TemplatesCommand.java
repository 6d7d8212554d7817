package org.accommodate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.accommodate.template.TemplateManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate templates: the letter templates. */
@Command(name = "templates", mixinStandardHelpOptions = true,
    description = "List the letter templates.",
    subcommands = {TemplatesCommand.ListTemplates.class})
final class TemplatesCommand {
  /** templates list. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the templates and what each needs.",
      footer = ExitCodes.HELP)
  static final class ListTemplates implements Callable<Integer> {
    @Spec CommandSpec spec;

    private final Context context;

    ListTemplates(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (TemplateManifest manifest : context.letters().templates()) {
        out.printf("%s  %s%n", manifest.id(), manifest.title());
        out.printf("    languages:  %s%n", String.join(", ",
            manifest.languages().stream().map(l -> l.keyword()).toList()));
        out.printf("    types:      %s%n", String.join(", ",
            manifest.types().stream().map(t -> t.keyword()).sorted().toList()));
        out.printf("    needs:      %s%n", String.join(", ",
            manifest.categories().stream().map(c -> c.keyword()).sorted().toList()));
      }
      return ExitCodes.OK;
    }
  }
}
