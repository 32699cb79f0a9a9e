package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.PythonSource;
import io.envtainer.spec.Spec;
import io.envtainer.spec.modules.ModuleRef;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.testing.Tools;
import io.envtainer.testing.TestModuleTree;
import io.envtainer.testing.TestWheels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture of a real shell: Lmod 8 with a Python and an Open MPI module at non-standard prefixes (made from
 * Debian's files), a venv with --system-site-packages over the module python, and an extra package installed
 * into it from a wheel built here.
 */
@Tag("integration")
class CaptureIntegrationTest {
  @TempDir static Path dir;
  static TestModuleTree tree;
  static TestModuleTree.Shell shell;
  static Path venv;

  @BeforeAll
  static void shellWithModulesAndVenv() throws Exception {
    Tools.requireFile(TestModuleTree.LMOD_INIT, "apt-get install lmod");
    Tools.requireFile("/usr/bin/python3.11", "apt-get install python3-venv");
    Tools.requireFile("/usr/share/python-wheels", "apt-get install python3-venv");
    Tools.requireFile("/usr/bin/ompi_info", "apt-get install openmpi-bin");
    Tools.requireFile("/usr/lib/python3/dist-packages/six.py", "apt-get install python3-six");
    tree = TestModuleTree.create(dir.resolve("site"));
    Path wheel = TestWheels.build(dir.resolve("wheels"), "envtainer-probe-pkg", "1.2.3");
    venv = dir.resolve("myproject-venv");
    shell = tree.run(List.of(TestModuleTree.PYTHON_MODULE, TestModuleTree.OPENMPI_MODULE), String.join("\n",
        "python3 -m venv --system-site-packages " + venv,
        ". " + venv + "/bin/activate",
        "pip install --no-index --no-deps --disable-pip-version-check -q " + wheel,
        "python -c 'import envtainer_probe_pkg, six; print(envtainer_probe_pkg.__version__)'"));
  }

  @Test
  void capturesModulesPythonVenvAndMpi() throws Exception {
    CapturedSpec captured = new Capture(new ProcessCommandRunner()).capture(shell.env(), shell.terseList());
    Spec spec = captured.spec();
    Map<String, String> why = captured.provenance();

    assertEquals(List.of(TestModuleTree.PYTHON_MODULE, TestModuleTree.OPENMPI_MODULE),
        spec.modules().modules().stream().map(ModuleRef::fullName).toList(), "dependencies GCC/GCCcore are left out");
    assertEquals(List.of(tree.moduleDir().toString()), spec.modules().modulePaths());
    assertTrue(why.get("modules.load[1]").contains(tree.moduleDir() + "/OpenMPI/4.1.4-GCC-12.2.0.lua"), why.toString());
    assertTrue(spec.warnings().isEmpty(), spec.warnings().toString());

    assertEquals(PythonSource.MODULE, spec.python().source());
    assertEquals(debianPythonVersion(), spec.python().version());
    assertEquals(TestModuleTree.PYTHON_MODULE, spec.python().module());
    assertEquals(Boolean.TRUE, spec.python().systemSitePackages());
    assertEquals(venv.resolve("pyvenv.cfg").toString(), why.get("python.version"));

    List<Requirement> pip = spec.pip().requirements();
    List<String> expected = new ArrayList<>();
    if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/numpy"))) expected.add("numpy");
    expected.addAll(List.of("six", "envtainer-probe-pkg"));
    assertEquals(expected, pip.stream().map(Requirement::name).toList(),
        "the module python's packages, then the venv's own; pip, setuptools and wheel left out");
    int last = pip.size() - 1;
    assertEquals("==1.2.3", pip.get(last).specifier());
    assertTrue(why.get("pip[" + last + "]").contains("envtainer_probe_pkg-1.2.3.dist-info"), why.get("pip[" + last + "]"));
    assertTrue(why.get("pip[" + (last - 1) + "]").contains("six-1.16.0.egg-info (module " + TestModuleTree.PYTHON_MODULE),
        why.get("pip[" + (last - 1) + "]"));

    HostFacts facts = captured.facts();
    assertEquals(tree.pythonPrefix(), facts.basePython().prefix());
    assertTrue(facts.basePackages().stream().anyMatch(d -> d.normalizedName().equals("six")),
        "the module python's own packages are seen apart from the venv's");
    assertTrue(facts.basePackages().stream().noneMatch(d -> d.normalizedName().equals("envtainer-probe-pkg")));

    assertEquals(MpiFamily.OPENMPI, spec.mpi().family());
    assertEquals(debianOpenMpiVersion(), spec.mpi().version());
    assertEquals(MpiMode.HYBRID, spec.mpi().mode());
    MpiInstallation mpi = facts.mpi();
    assertEquals(tree.openMpiPrefix(), mpi.prefix());
    assertEquals(tree.openMpiPrefix().resolve("lib/libmpi.so.40.30.4"), mpi.libmpi());
    assertTrue(mpi.closure().libraries().stream().anyMatch(
        l -> l.path().equals(tree.openMpiPrefix().resolve("lib/libopen-pal.so.40"))), mpi.closure().toString());
    assertEquals(TestModuleTree.OPENMPI_MODULE, facts.mpiModule().fullName());
    assertTrue(why.get("mpi.family").contains("mpirun --version"), why.get("mpi.family"));
  }

  @Test
  void terseListFromLmodAgreesWithLoadedModules() {
    assertEquals(List.of("GCCcore/12.2.0", TestModuleTree.PYTHON_MODULE, "GCC/12.2.0", TestModuleTree.OPENMPI_MODULE),
        ModuleState.parseTerseList(shell.terseList()));
    ModuleState state = ModuleState.fromEnvironment(shell.env());
    assertEquals(ModuleState.Tool.LMOD, state.tool());
    assertFalse(state.loaded().get(0).userLoaded());
  }

  private static String debianPythonVersion() throws Exception {
    return run("/usr/bin/python3.11", "-c", "import platform; print(platform.python_version())");
  }

  private static String debianOpenMpiVersion() throws Exception {
    for (String line : run("/usr/bin/ompi_info", "--parsable").split("\n")) {
      if (line.startsWith("ompi:version:full:")) return line.substring("ompi:version:full:".length());
    }
    throw new AssertionError("ompi_info printed no version");
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
