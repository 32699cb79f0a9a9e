package io.envtainer.cli;

import io.envtainer.host.Doctor;
import io.envtainer.host.ProcessCommandRunner;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.PlanOptions;
import io.envtainer.plan.PlanResolver;
import io.envtainer.site.SiteProfile;
import io.envtainer.site.SiteProfiles;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envtainer doctor [SPEC] --site PROFILE}: checks this host against the image's plan and the site. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check this host against a site profile and, given a spec, the image it describes: MPI family and",
        "ABI, Open MPI versions, glibc for bind mode, bind sources that do not exist. Exit 1 on any error."})
public final class DoctorCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The environment spec (optional).")
  Path specFile;

  @Option(names = "--site", paramLabel = "PROFILE", description = "Site profile; the spec's site otherwise.")
  String site;

  @Option(names = "--recipes", paramLabel = "DIR", description = "Extra directory of site profiles.")
  Path recipes;

  @Option(names = "--image-glibc", paramLabel = "X.Y",
      description = "glibc version of the image (bind mode: host MPI libraries need at most this).")
  String imageGlibc;

  @picocli.CommandLine.Mixin EnvOption env;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    Map<String, String> shell = env.environment();
    Spec spec = specFile == null ? null : SpecLoader.load(specFile).spec();
    String name = site != null ? site : spec == null ? null : spec.site();
    if (name == null) throw new UsageException("doctor needs a site profile: --site PROFILE (or a spec with site:)");
    SiteProfile profile = SiteProfiles.load(recipes, shell).require(name);
    Doctor.ImageFacts image;
    if (spec == null) {
      image = Doctor.ImageFacts.of(profile, imageGlibc);
    } else {
      var facts = io.envtainer.site.SiteSelection.facts(spec, name, recipes, false, shell);
      BuildPlan plan = PlanResolver.resolve(spec, facts, PlanOptions.defaults());
      image = Doctor.ImageFacts.of(plan, imageGlibc);
    }
    Doctor.Report report = new Doctor(new ProcessCommandRunner()).check(profile, image, shell);
    var stream = report.failed() ? self.commandLine().getErr() : self.commandLine().getOut();
    stream.print(report.render());
    stream.flush();
    return report.failed() ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
