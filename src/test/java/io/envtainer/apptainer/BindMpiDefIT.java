package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.plan.BindMount;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.PlanOptions;
import io.envtainer.plan.PlanResolver;
import io.envtainer.plan.SiteFacts;
import io.envtainer.site.SiteSelection;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecLoader;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.RootCommandRunner;
import io.envtainer.testing.TestWheels;
import io.envtainer.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bind mode through envtainer's own plan and def: an image with mpi4py in its venv and no MPI library at all, run
 * as two ranks by the Apptainer root's Open MPI 5.0.7 with the binds and library path envtainer computed by probing
 * that Open MPI. mpi4py comes from a wheel repacked from Debian's python3-mpi4py (linked to libmpi.so.40), so the
 * build stage compiles nothing; its apt-installed MPI headers and compilers stay in the build stage.
 */
@Tag("integration")
class BindMpiDefIT {
  private static final String HOST_LIBS = "/opt/envtainer/host-libs";
  @Test
  void imageWithoutMpiRunsTwoRanksOnTheBoundOpenMpi() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.pythonTrixieDockerArchive();
    Path site = Tools.mpiBaseRootfs().resolve("usr/lib/python3/dist-packages");
    Path dir = Tools.scratchDir("bind-def");
    String eggInfo;
    try (Stream<Path> s = Files.list(site)) {
      eggInfo = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("mpi4py-[0-9.]+\\.egg-info")).findFirst()
          .orElseThrow(() -> new AssertionError("no Debian mpi4py in " + site));
    }
    Path wheel = TestWheels.fromInstalled(site, eggInfo, TestWheels.CP313_LINUX, dir.resolve("wheels"));
    String mpi4pyVersion = eggInfo.replaceAll("^mpi4py-|\\.egg-info$", "");
    Path specFile = dir.resolve("ranks.yaml");
    Files.writeString(specFile, String.join("\n",
        "name: ranks",
        "base: docker-archive:" + base,
        "site: apptainer-root-bind",
        "python: {source: venv, version: \"3.13\"}",
        "pip: [--no-index, --find-links /wheels]",
        "files: [wheels /wheels]",
        "mpi: {family: openmpi, mode: bind}",
        ""));

    // envtainer def, with the host MPI probe run inside the Apptainer root (where mpirun and apptainer run).
    Spec spec = SpecLoader.load(specFile).spec();
    // The shell of the root's user (Open MPI's tools refuse to start without HOME).
    Map<String, String> rootShell = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/home/envtainer",
        "USER", "envtainer", "LANG", "C.UTF-8");
    SiteFacts facts = SiteSelection.facts(spec, null, Path.of("src/test/resources/recipes").toAbsolutePath(), true,
        rootShell, new RootCommandRunner());
    String command = "envtainer def ranks.yaml --recipes src/test/resources/recipes (MPI probed in the Apptainer root)";
    BuildPlan plan = PlanResolver.resolve(spec, facts, new PlanOptions(PlanOptions.Stages.AUTO, command));
    assertEquals(List.of("build", "runtime"), plan.stages().stream().map(st -> st.name()).toList());
    BindMount libmpi = plan.binds().stream().filter(b -> b.target().equals(HOST_LIBS + "/libmpi.so.40")).findFirst()
        .orElseThrow(() -> new AssertionError("no libmpi bind in " + plan.binds()));
    assertTrue(libmpi.source().matches("/usr/lib/x86_64-linux-gnu/libmpi\\.so\\.40\\.[0-9.]+"), libmpi.toString());
    assertTrue(plan.binds().stream().anyMatch(b -> b.target().equals(HOST_LIBS + "/libpmix.so.2")), plan.binds()::toString);
    assertTrue(plan.binds().stream().noneMatch(b -> b.target().endsWith("/libc.so.6")), "glibc stays the image's own");
    assertEquals(List.of(HOST_LIBS), plan.mpi().libraryPath());
    Path def = DefFiles.write(plan, dir, command);

    ProcessResult build = DefBuilds.build(def);
    assertEquals(0, build.exitCode(), build::describe);
    String buildLog = build.stdout() + build.stderr();
    assertTrue(buildLog.contains("mpi4py-" + mpi4pyVersion), build::describe);
    assertTrue(!buildLog.contains("Building wheel for mpi4py"), "mpi4py came from the wheel, nothing was compiled");
    assertTrue(buildLog.contains("Setting up libopenmpi-dev"), "the build stage installs MPI headers: " + build.describe());
    assertTrue(buildLog.contains("skip    MPI: the host MPI is not bound"), build::describe);

    // No MPI library anywhere in the image, and mpi4py cannot start without the host's.
    ProcessResult search = Tools.apptainer(dir, DefBuilds.RUN, "exec", "--contain", "ranks.sif", "sh", "-c",
        "ldconfig -p | grep -i 'libmpi\\|libopen-pal\\|libpmix'; find / -xdev \\( -name 'libmpi*.so*' -o -name "
            + "'libopen-pal*.so*' -o -name 'libpmix*.so*' -o -name 'mpirun*' -o -name 'prterun*' \\) -print 2>/dev/null; "
            + "ls " + HOST_LIBS + "; true");
    assertEquals(0, search.exitCode(), search::describe);
    assertEquals("", search.stdout().strip(), "MPI files in the image: " + search.describe());
    ProcessResult alone = Tools.apptainer(dir, DefBuilds.RUN, "exec", "ranks.sif", "python", "-c", "from mpi4py import MPI");
    assertNotEquals(0, alone.exitCode(), alone::describe);
    assertTrue(alone.stderr().contains("libmpi.so.40"), alone::describe);

    // The image's help gives the bind list and the launcher line; run exactly those (a script.py of ours).
    ProcessResult help = Tools.apptainer(dir, DefBuilds.RUN, "run-help", "ranks.sif");
    assertEquals(0, help.exitCode(), help::describe);
    String binds = DefBuilds.helpLine(help.stdout(), "BINDS=");
    String launch = DefBuilds.helpLine(help.stdout(), "mpirun ");
    assertEquals("mpirun -n 2 --oversubscribe apptainer exec --bind \"$BINDS\" ranks.sif python script.py", launch);
    Files.writeString(dir.resolve("script.py"), DefBuilds.RANK_SCRIPT);
    ProcessResult ranks = Tools.run(List.of(Tools.inRootCommand().toString(), "bash", "-c", binds + "\n" + launch),
        dir, DefBuilds.RUN);
    assertEquals(0, ranks.exitCode(), ranks::describe);
    assertEquals(List.of(
            "rank 0 of 2 /opt/env 3 " + HOST_LIBS + "/libmpi.so.40 Open MPI v5.0.7",
            "rank 1 of 2 /opt/env 3 " + HOST_LIBS + "/libmpi.so.40 Open MPI v5.0.7"),
        ranks.stdout().strip().lines().toList(), ranks::describe);

    // The image's own test: without the binds it skips MPI, or fails when MPI is required; with them it runs it.
    String bindList = binds.substring("BINDS=".length()).replaceAll("^'|'$", "");
    Map<String, String> require = Map.of("APPTAINERENV_ENVTAINER_REQUIRE_MPI", "1");
    ProcessResult unbound = Tools.run(List.of(Tools.apptainerCommand().toString(), "test", "ranks.sif"), dir, DefBuilds.RUN,
        require);
    assertNotEquals(0, unbound.exitCode(), unbound::describe);
    assertTrue(unbound.stderr().contains("FAIL    mpi4py cannot load MPI"), unbound::describe);
    ProcessResult bound = Tools.run(List.of(Tools.apptainerCommand().toString(), "test", "--bind", bindList, "ranks.sif"),
        dir, DefBuilds.RUN, require);
    assertEquals(0, bound.exitCode(), bound::describe);
    assertTrue(bound.stdout().contains("ok      MPI rank 0 of 1: Open MPI v5.0.7"), bound::describe);
    ProcessResult underMpirun = Tools.run(List.of(Tools.inRootCommand().toString(), "mpirun", "-n", "2", "--oversubscribe",
        "apptainer", "test", "--bind", bindList, "ranks.sif"), dir, DefBuilds.RUN, require);
    assertEquals(0, underMpirun.exitCode(), underMpirun::describe);
    assertTrue(underMpirun.stdout().contains("ok      MPI rank 1 of 2: Open MPI v5.0.7"), underMpirun::describe);
  }
}
