package org.accommodate.cli;

import java.nio.file.Path;
import org.accommodate.Letters;
import picocli.CommandLine.Option;

/** A clinic's own template folder, added to the shipped catalog and validated when loaded. */
final class TemplateOptions {
  @Option(names = "--templates", paramLabel = "DIR",
      description = "A folder of the clinic's own templates (one sub-folder each, like the shipped ones).")
  Path folder;

  Letters letters(Context context) {
    return context.letters().withTemplates(folder);
  }
}
