package io.envtainer.cli;

import io.envtainer.site.SiteProfile;
import io.envtainer.site.SiteProfiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envtainer recipes}: the site profiles ({@code recipes/*.yaml}, bundled, or --recipes DIR). */
@Command(name = "recipes", mixinStandardHelpOptions = true,
    description = "List and show site profiles (MPI, binds, launchers of a cluster).",
    subcommands = {RecipesCommand.ListCommand.class, RecipesCommand.ShowCommand.class})
public final class RecipesCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(self.commandLine(), "missing subcommand: list or show");
  }

  /** Where profiles come from. */
  static final class Source {
    @Option(names = "--recipes", paramLabel = "DIR",
        description = "Directory of profiles, ahead of the bundled ones (default: $ENVTAINER_RECIPES).")
    Path dir;

    SiteProfiles load() throws Exception {
      return SiteProfiles.load(dir, System.getenv());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the site profiles.")
  static final class ListCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin Source source;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

    @Override
    public Integer call() throws Exception {
      SiteProfiles profiles = source.load();
      var out = self.commandLine().getOut();
      for (SiteProfile p : profiles.list()) {
        String mpi = p.mpi() == null ? "no MPI" : p.mpi().family().key() + (p.mpi().version() != null ? " " + p.mpi().version() : "")
            + ", " + p.mpi().mode().yamlName();
        out.printf("%-22s %-24s %s%n", p.name(), mpi, p.description() == null ? "" : p.description());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a site profile's YAML.")
  static final class ShowCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin Source source;
    @Parameters(paramLabel = "NAME", description = "Profile name (see 'envtainer recipes list').") String name;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

    @Override
    public Integer call() throws Exception {
      SiteProfiles profiles = source.load();
      SiteProfiles.Entry e = profiles.entry(name).orElseThrow(() -> new UsageException("unknown site profile '" + name
          + "' (known: " + String.join(", ", profiles.list().stream().map(SiteProfile::name).toList()) + ")"));
      var out = self.commandLine().getOut();
      out.print("# " + (e.bundled() ? "bundled with envtainer" : e.profile().origin().toString()) + "\n");
      out.print(e.yaml());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
