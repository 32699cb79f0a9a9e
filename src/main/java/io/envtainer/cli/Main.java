package io.envtainer.cli;

import io.envtainer.Version;
import io.envtainer.oci.BuildInputException;
import io.envtainer.spec.SpecException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code envtainer} command. Subcommands hold no logic: they parse options and call the library. */
@Command(
    name = "envtainer",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Turns Python environments (venv + pip, conda, modules) into Apptainer images.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a build, check or doctor finding failed",
      "2:bad input or usage (the message says file:line and what was expected)"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams; returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(args);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** The subcommands, by name, made only when needed. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("spec", SpecCommand::new);
    m.put("def", DefCommand::new);
    m.put("build", BuildCommand::new);
    m.put("doctor", DoctorCommand::new);
    m.put("capture", CaptureCommand::new);
    m.put("recipes", RecipesCommand::new);
    return m;
  }

  /** The whole command tree (help lists every subcommand). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command tree for ARGS: when the first argument names a subcommand, only that one is built (picocli reads
   * each command's annotations by reflection, which costs a cold JVM a tenth of a second for all of them).
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : null;
    for (Map.Entry<String, Supplier<Object>> sub : SUBCOMMANDS.entrySet()) {
      if (first == null || !SUBCOMMANDS.containsKey(first) || first.equals(sub.getKey())) {
        cl.addSubcommand(sub.getKey(), sub.getValue().get());
      }
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(Main::exitCodeFor);
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler(Main::handleParameterException);
    // Every subcommand documents the same exit codes.
    for (CommandLine sub : cl.getSubcommands().values()) inheritExitCodes(cl, sub);
    return cl;
  }

  private static void inheritExitCodes(CommandLine root, CommandLine cmd) {
    cmd.getCommandSpec().usageMessage()
        .exitCodeListHeading(root.getCommandSpec().usageMessage().exitCodeListHeading())
        .exitCodeList(root.getCommandSpec().usageMessage().exitCodeList());
    for (CommandLine sub : cmd.getSubcommands().values()) inheritExitCodes(root, sub);
  }

  static int exitCodeFor(Throwable t) {
    if (t instanceof SpecException || t instanceof CommandLine.ParameterException) return ExitCodes.BAD_INPUT;
    if (t instanceof UsageException || t instanceof BuildInputException) return ExitCodes.BAD_INPUT;
    return ExitCodes.FAILED;
  }

  private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof SpecException || e instanceof UsageException) {
      err.println(e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof BuildInputException) {
      err.println("envtainer: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof FailedException) {
      err.println("envtainer: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    err.println("envtainer: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    if (System.getenv("ENVTAINER_DEBUG") != null) e.printStackTrace(err);
    return ExitCodes.FAILED;
  }

  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("envtainer: " + e.getMessage());
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCodes.BAD_INPUT;
  }

  /** Version line printed by {@code --version}. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"envtainer " + Version.get()};
    }
  }
}
