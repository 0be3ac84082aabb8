package io.rootwalk.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code rootwalk} itself: the command list, {@code --help} and {@code --version}. The usage layout
 * is set here once ({@code scope = INHERIT}) and shared by every subcommand; each one replaces the
 * description and footer with its own.
 */
@Command(
    name = "rootwalk",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    synopsisHeading = "usage: ",
    synopsisSubcommandLabel = "COMMAND",
    descriptionHeading = "%n",
    parameterListHeading = "%narguments:%n",
    optionListHeading = "%noptions:%n",
    commandListHeading = "%ncommands:%n",
    footerHeading = "%n",
    description =
        "An iterative DNS resolver: walks from the root servers down the delegation chain, "
            + "like a recursive resolver, and shows every step.",
    footer = {
      ExitCode.IN_WORDS,
      "",
      "'rootwalk COMMAND --help' shows the options of a command.",
      "TAB completion in bash or zsh: source <(rootwalk completion)"
    },
    subcommands = {
      DemoCommand.class,
      AotTrainingCommand.class,
      QueryCommand.Lookup.class,
      QueryCommand.Trace.class,
      BulkCommand.class,
      CheckCommand.class,
      ServeCommand.class,
      CompletionCommand.class
    })
final class RootwalkCommand implements Callable<Integer> {

  /** {@code rootwalk} with no command: a usage error, as the CLI contract says. */
  @Override
  public Integer call() {
    throw new UsageException("no command given");
  }
}
