package org.accommodate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.accommodate.template.TemplateManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate templates: the letter templates. */
@Command(name = "templates", mixinStandardHelpOptions = true,
    description = "List and show the letter templates.",
    subcommands = {TemplatesCommand.ListTemplates.class, TemplatesCommand.Show.class})
final class TemplatesCommand {
  /** templates list. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the templates and what each needs.",
      footer = ExitCodes.HELP)
  static final class ListTemplates implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin TemplateOptions templates;

    private final Context context;

    ListTemplates(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (TemplateManifest manifest : templates.letters(context).templates()) {
        out.printf("%-26s %s%n", manifest.id(), manifest.title());
        out.printf("    types:     %s%n", String.join(", ",
            manifest.types().stream().map(t -> t.keyword()).sorted().toList()));
        out.printf("    languages: %s; needs: %s%n",
            String.join(", ", manifest.languages().stream().map(l -> l.keyword()).toList()),
            String.join(", ", manifest.categories().stream().map(c -> c.keyword()).sorted().toList()));
      }
      out.printf("%nA request to fill in for one: %s templates show ID --example > request.yaml%n", context.selfCommand());
      return ExitCodes.OK;
    }
  }

  /** templates show ID. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one template's manifest.",
      footer = ExitCodes.HELP)
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin TemplateOptions templates;

    @picocli.CommandLine.Parameters(paramLabel = "ID", description = "The template id (see 'templates list').")
    String id;

    @picocli.CommandLine.Option(names = "--example", description = "Print a request for this template to fill in"
        + " instead (its <...> placeholders are refused until replaced): accommodate templates show ID --example > request.yaml")
    boolean example;

    @picocli.CommandLine.Option(names = "--profile", paramLabel = "FILE",
        description = "Clinic profile for --example (default: clinic.yaml here, if any): the laws its authorization form must meet.")
    java.nio.file.Path profile;

    private final Context context;

    Show(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      org.accommodate.Letters letters = templates.letters(context);
      TemplateManifest manifest = letters.template(id);
      PrintWriter out = spec.commandLine().getOut();
      if (profile != null && !example) {
        throw new org.accommodate.InputException("--profile: only with --example");
      }
      if (example) {
        out.print(letters.exampleRequest(id, letters.hasProfile(profile) ? letters.readProfile(profile) : null));
        return ExitCodes.OK;
      }
      out.printf("id:         %s%n", manifest.id());
      out.printf("title:      %s%n", manifest.title());
      out.printf("source:     %s%n", manifest.folder() == null ? "shipped with the tool" : manifest.folder());
      out.printf("types:      %s%n", String.join(", ", manifest.types().stream().map(t -> t.keyword()).sorted().toList()));
      out.printf("categories: %s%n", String.join(", ", manifest.categories().stream().map(c -> c.keyword()).sorted().toList()));
      out.printf("levels:     %s%n", String.join(", ", manifest.levels().stream().map(l -> l.keyword()).sorted().toList()));
      out.printf("languages:  %s%n", String.join(", ", manifest.languages().stream().map(l -> l.keyword()).toList()));
      out.printf("example:    %s templates show %s --example > request.yaml%n", context.selfCommand(), manifest.id());
      return ExitCodes.OK;
    }
  }
}
