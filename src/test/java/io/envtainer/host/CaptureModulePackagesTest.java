package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.Spec;
import io.envtainer.spec.pip.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a capture pins for the packages of a module's python: all of them when the environment sees them (the image
 * must have them too), none through a venv that does not see them. The venv's own copy of a package wins.
 */
@Tag("unit")
class CaptureModulePackagesTest {
  @TempDir Path dir;

  @Test
  void moduleSitePackagesArePinnedBeforeTheVenvsOwn() throws Exception {
    CapturedSpec c = capture(true);
    Spec spec = c.spec();
    // six: the venv's own 1.17.0 shadows the module's 1.16.0, as on the venv's sys.path
    assertEquals(List.of("numpy==1.24.2", "extra==1.4.2", "six==1.17.0"),
        spec.pip().requirements().stream().map(r -> r.name() + r.specifier()).toList());
    assertTrue(c.provenance().get("pip[0]").endsWith("numpy-1.24.2.egg-info (module Python/3.11.2; pinned so that the "
        + "image has it too)"), c.provenance().get("pip[0]"));
    assertTrue(c.provenance().get("pip").startsWith("the packages of module Python/3.11.2's python (the venv sees them), "
        + "then the venv's own packages ("), c.provenance().get("pip"));
  }

  @Test
  void aVenvWithoutSystemSitePackagesGetsOnlyItsOwn() throws Exception {
    List<Requirement> pip = capture(false).spec().pip().requirements();
    assertEquals(List.of("extra==1.4.2", "six==1.17.0"), pip.stream().map(r -> r.name() + r.specifier()).toList());
  }

  /** A module python with numpy, six, pip; a venv over it with extra and its own six. */
  private CapturedSpec capture(boolean systemSite) throws Exception {
    Path py = dir.resolve("software/Python/3.11.2");
    Path moduleSite = Files.createDirectories(py.resolve("lib/python3/dist-packages"));
    egg(moduleSite, "numpy", "1.24.2");
    egg(moduleSite, "six", "1.16.0");
    egg(moduleSite, "pip", "23.0.1");
    Path venv = dir.resolve("venv");
    Path venvSite = Files.createDirectories(venv.resolve("lib/python3.11/site-packages"));
    SitePackagesTest.distInfo(venvSite, "extra-1.4.2.dist-info", "extra", "1.4.2", "pip", null);
    SitePackagesTest.distInfo(venvSite, "pip-24.0.dist-info", "pip", "24.0", "pip", null);
    SitePackagesTest.distInfo(venvSite, "six-1.17.0.dist-info", "six", "1.17.0", "pip", null);
    Files.writeString(venv.resolve("pyvenv.cfg"), "home = " + py.resolve("bin") + "\ninclude-system-site-packages = "
        + systemSite + "\nversion = 3.11.2\nexecutable = " + py.resolve("bin/python3.11") + "\n");
    String venvPython = venv.resolve("bin/python3").toString();
    String modulePython = py.resolve("bin/python3.11").toString();
    RecordedHost host = new RecordedHost().files(venvPython, modulePython)
        .command(venvPython + " -c " + PythonProbe.SCRIPT, probe(venv, py, List.of(venvSite)))
        .command(modulePython + " -c " + PythonProbe.SCRIPT, probe(py, py, List.of(moduleSite)));
    Map<String, String> env = Map.of("PATH", venv.resolve("bin") + ":" + py.resolve("bin"), "VIRTUAL_ENV", venv.toString(),
        "LMOD_VERSION", "8.6.19", "LOADEDMODULES", "Python/3.11.2", "_LMFILES_", dir.resolve("modules/Python/3.11.2.lua")
            .toString(), "MODULEPATH", dir.resolve("modules").toString(), "EBROOTPYTHON", py.toString());
    return new Capture(host).capture(env);
  }

  private static void egg(Path site, String name, String version) throws Exception {
    Path d = Files.createDirectories(site.resolve(name + "-" + version + ".egg-info"));
    Files.writeString(d.resolve("PKG-INFO"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
  }

  private static CommandRunner.Result probe(Path prefix, Path base, List<Path> site) {
    String json = "{\"version\": \"3.11.2\", \"implementation\": \"CPython\", \"executable\": \"" + prefix.resolve("bin/python3")
        + "\", \"prefix\": \"" + prefix + "\", \"base_prefix\": \"" + base + "\", \"site_packages\": [\""
        + site.get(0) + "\"], \"path\": []}";
    return new CommandRunner.Result(0, json, "");
  }
}
