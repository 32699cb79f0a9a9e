package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envtainer.plan.BindMount;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.EnvEntry;
import io.envtainer.plan.MpiPlan;
import io.envtainer.plan.PlanOptions;
import io.envtainer.plan.PlanResolver;
import io.envtainer.plan.SiteFacts;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden def files for every flavour (venv, module, conda; single and multi-stage) × MPI mode (none, hybrid, bind).
 * Regenerate after an intended change with {@code mvn test -Dtest=DefGoldenTest -Dgolden.update=true} and review
 * the diff.
 */
@Tag("unit")
class DefGoldenTest {
  static final Path DIR = Path.of("src/test/resources/golden");

  static SiteFacts site(String name) {
    SourceLocation here = SourceLocation.synthetic("test site");
    return switch (name) {
      case "none" -> SiteFacts.NONE;
      case "distro" -> new SiteFacts("test-openmpi4", MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID,
          MpiPlan.Install.DISTRO, "/usr", "/usr", List.of(), List.of(), List.of(new BindMount("/project", "/project",
              false, "site")), List.of(EnvEntry.set("OMPI_MCA_btl", "^openib", here)),
          List.of("srun --mpi=pmix apptainer exec {image} {command}", "mpirun -n 4 apptainer exec {image} {command}"),
          List.of("/apps"), "/apps/modules/all", null, true);
      case "source" -> new SiteFacts("test-openmpi-source", MpiFamily.OPENMPI, "4.1.6", MpiMode.HYBRID,
          MpiPlan.Install.SOURCE, "/opt/ompi", "/opt/ompi", List.of(), List.of(), List.of(), List.of(),
          List.of("srun --mpi=pmix apptainer exec {image} {command}"), List.of(), null, null, true);
      case "bind" -> new SiteFacts("test-bind", MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND, MpiPlan.Install.NONE, null,
          "/opt/ompi-4.1.4", List.of(new BindMount("/opt/ompi-4.1.4", "/opt/ompi-4.1.4", true, "mpi"),
              new BindMount("/usr/lib64/libucp.so.0", "/opt/envtainer/host-libs/libucp.so.0", true, "mpi")),
          List.of("/opt/ompi-4.1.4/lib", "/opt/envtainer/host-libs"), List.of(), List.of(),
          List.of("srun --mpi=pmix apptainer exec {image} {command}"), List.of(), null, null, true);
      case "bind-legacy" -> new SiteFacts("test-bind-legacy", MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND,
          MpiPlan.Install.NONE, null, "/opt/ompi", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          null, null, false);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "{0} with site {1}")
  @CsvSource({
    "venv, none, AUTO, venv",
    "venv-hashes, none, AUTO, venv-hashes",
    "module, none, AUTO, module",
    "conda, none, AUTO, conda",
    "venv-hybrid, distro, AUTO, venv-hybrid",
    "venv-hybrid, source, AUTO, venv-hybrid-source",
    "venv-hybrid, distro, MULTI, venv-hybrid-multi",
    "venv-bind, bind, AUTO, venv-bind",
    "conda-hybrid, distro, AUTO, conda-hybrid",
    "conda-bind, bind, AUTO, conda-bind",
    "conda-bind, bind-legacy, AUTO, conda-bind-legacy",
  })
  void rendersTheGoldenDef(String spec, String site, PlanOptions.Stages stages, String golden) throws Exception {
    var loaded = SpecLoader.load(DIR.resolve(spec + ".yaml"));
    String command = "envtainer def " + spec + ".yaml";
    BuildPlan plan = PlanResolver.resolve(loaded.spec(), site(site), new PlanOptions(stages, command));
    String def = DefRenderer.render(plan, DIR, command);
    assertEquals(def, DefRenderer.render(PlanResolver.resolve(SpecLoader.load(DIR.resolve(spec + ".yaml")).spec(),
        site(site), new PlanOptions(stages, command)), DIR, command), "deterministic");
    Path file = DIR.resolve("defs/" + golden + ".def");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, def);
    }
    assertEquals(Files.readString(file), def, "golden " + file);
  }
}
