package org.accommodate.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate completion: a bash/zsh completion script (source it: . <(accommodate completion)). */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script for 'accommodate' on your PATH: . <(accommodate completion)")
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("accommodate", spec.root().commandLine()));
    return ExitCodes.OK;
  }
}
