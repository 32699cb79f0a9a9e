package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.cli.Main;
import io.envtainer.spec.SpecLoader;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import io.envtainer.testing.TestModuleTree;
import io.envtainer.testing.TestWheels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Capture → image, for real: a shell with the test tree's Python and Open MPI modules and a venv over the module
 * python with an extra package; {@code envtainer capture --env-file} writes the spec; the user's edits for an
 * offline build; {@code envtainer def}; the real Apptainer builds it; inside the image every package the capture
 * pinned is installed at exactly that version and imports.
 *
 * <p>The module python's own packages (numpy and six here) are pinned too: the venv sees them, so the image must
 * have them. numpy 1.24.2 comes from the base's Debian package (pip finds it satisfied through the venv's system
 * site packages); six comes from a wheel repacked from the module's own files, as a site's wheelhouse would hold it.
 */
@Tag("integration")
class CaptureToImageIT {
  private static final String DISTRIBUTIONS = String.join("; ",
      "import json, importlib.metadata as m",
      "seen = {}",
      "[seen.setdefault(d.metadata['Name'].lower().replace('_', '-'), d.version) for d in m.distributions()]",
      "print(json.dumps(seen, sort_keys=True))");

  @Test
  void everyCapturedPackageIsInTheImageAtItsVersion() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.pythonBaseDockerArchive();
    Tools.requireFile(TestModuleTree.LMOD_INIT, "apt-get install lmod");
    Tools.requireFile("/usr/bin/python3.11", "apt-get install python3-venv");
    Tools.requireFile("/usr/lib/python3/dist-packages/six.py", "apt-get install python3-six");
    Tools.requireFile("/usr/lib/python3/dist-packages/numpy", "apt-get install python3-numpy");
    Tools.requireFile("/usr/bin/ompi_info", "apt-get install openmpi-bin");
    Path dir = Tools.scratchDir("capture-image");
    TestModuleTree tree = TestModuleTree.create(dir.resolve("site"));

    // The user's shell: modules, a venv over the module python, an extra installed offline.
    Path wheels = dir.resolve("wheels");
    TestWheels.build(wheels, "envtainer-extra", "1.4.2");
    Path venv = dir.resolve("analysis");
    Path shellEnv = dir.resolve("shell.env");
    Path hostDists = dir.resolve("host-distributions.json");
    TestModuleTree.Shell shell = tree.run(List.of(TestModuleTree.PYTHON_MODULE, TestModuleTree.OPENMPI_MODULE),
        String.join("\n",
            "python3 -m venv --system-site-packages " + venv,
            ". " + venv + "/bin/activate",
            "pip install --no-index --find-links " + wheels + " --disable-pip-version-check -q envtainer-extra==1.4.2",
            "python -c \"" + DISTRIBUTIONS + "\" > " + hostDists,
            "env -0 > " + shellEnv));
    Path terse = dir.resolve("module-list.txt");
    Files.writeString(terse, shell.terseList());

    // envtainer capture, in-process, on that shell's environment.
    Path spec = dir.resolve("analysis.yaml");
    cli("capture", "--env-file", shellEnv.toString(), "--module-list", terse.toString(), "-o", spec.toString());
    Map<String, String> pinned = new LinkedHashMap<>();
    for (Requirement r : SpecLoader.load(spec).spec().pip().requirements()) {
      assertTrue(r.specifier().startsWith("=="), r.toString());
      pinned.put(r.name(), r.specifier().substring(2));
    }
    assertEquals(Map.of("numpy", "1.24.2", "six", "1.16.0", "envtainer-extra", "1.4.2"), pinned);
    // Exactly what the venv's python sees, less the installer's own tools (as pip freeze).
    Map<String, String> seen = new TreeMap<>(json(Files.readString(hostDists)));
    seen.keySet().removeAll(List.of("pip", "setuptools", "wheel"));
    assertEquals(seen, new TreeMap<>(pinned));

    // The user's edits for an offline build, as in an editor: a local base, the wheelhouse, no MPI in this image.
    Files.createDirectories(wheels);
    Path moduleSite = tree.pythonPrefix().resolve("lib/python3/dist-packages");
    TestWheels.fromInstalled(moduleSite, "six-1.16.0.egg-info", TestWheels.PURE, wheels);
    String captured = Files.readString(spec);
    String edited = edit(captured, base);
    Files.writeString(spec, edited);

    Path def = DefBuilds.def(spec, dir);
    ProcessResult build = DefBuilds.build(def);
    assertEquals(0, build.exitCode(), build::describe);
    String log = build.stdout() + build.stderr();
    assertTrue(log.contains("Requirement already satisfied: numpy==1.24.2 in /usr/lib/python3/dist-packages"), build::describe);
    assertTrue(log.contains("envtainer check passed"), build::describe);

    // Inside the image: each pinned package at exactly its version, and importable.
    StringBuilder check = new StringBuilder("import importlib, importlib.metadata as m, json, sys\nfails = []\n");
    check.append("for name, want in json.loads(sys.argv[1]).items():\n")
        .append("    d = m.distribution(name)\n")
        .append("    tops = (d.read_text('top_level.txt') or name.replace('-', '_')).split()\n")
        .append("    mods = [importlib.import_module(t) for t in tops]\n")
        .append("    print(name, d.version, 'ok' if d.version == want else 'WANTED ' + want, mods[0].__file__)\n");
    ProcessResult inside = Tools.apptainer(dir, DefBuilds.RUN, "exec", "analysis.sif", "python", "-c", check.toString(),
        toJson(pinned));
    assertEquals(0, inside.exitCode(), inside::describe);
    List<String> lines = inside.stdout().strip().lines().toList();
    assertEquals(3, lines.size(), inside::describe);
    for (String l : lines) assertTrue(l.split(" ")[2].equals("ok"), inside::describe);
    assertTrue(lines.get(0).startsWith("numpy 1.24.2 ok /usr/lib/python3/dist-packages/numpy/"), inside::describe);
    assertTrue(lines.get(1).startsWith("six 1.16.0 ok /opt/env/lib/python3.11/site-packages/six.py"), inside::describe);
    assertTrue(lines.get(2).startsWith("envtainer-extra 1.4.2 ok /opt/env/lib/python3.11/site-packages/envtainer_extra/"),
        inside::describe);
  }

  /**
   * What a user changes in the captured spec to build it here: a base image with the module's python version (the
   * python-base archive: Debian 12's python 3.11.2 and numpy), pip told to use the wheelhouse only, the wheelhouse
   * copied in, and MPI off (this environment's Python packages are the point; MPI is tested elsewhere).
   */
  static String edit(String captured, Path base) {
    List<String> out = new ArrayList<>();
    boolean inMpi = false;
    int done = 0;
    for (String line : captured.split("\n", -1)) {
      out.add(line);
      if (line.startsWith("name:")) {
        out.add("base: docker-archive:" + base);
        done++;
      } else if (line.startsWith("pip:")) {
        out.add("  - --no-index");
        out.add("  - --find-links /wheels");
        done++;
      }
      if (!line.startsWith(" ")) inMpi = line.startsWith("mpi:");
      if (inMpi && line.startsWith("  mode: hybrid")) {
        out.set(out.size() - 1, "  mode: none  # edited: the image needs no MPI");
        done++;
      }
    }
    assertEquals(3, done, "expected a name, a pip list and an MPI mode in:\n" + captured);
    return String.join("\n", out).stripTrailing() + "\nfiles:\n  - wheels /wheels\n";
  }

  private static void cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, code, err.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> json(String text) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Map.class);
  }

  private static String toJson(Map<String, String> map) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map);
  }
}
