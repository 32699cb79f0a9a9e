package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.RequirementKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** site-packages, venv and conda prefixes laid out by the test as pip, venv and conda lay them out. */
@Tag("unit")
class SitePackagesTest {

  static void distInfo(Path site, String dir, String name, String version, String installer, String directUrl) throws Exception {
    Path d = Files.createDirectories(site.resolve(dir));
    Files.writeString(d.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
        + "\nSummary: x\n\nName: not-this\n");
    if (installer != null) Files.writeString(d.resolve("INSTALLER"), installer + "\n");
    if (directUrl != null) Files.writeString(d.resolve("direct_url.json"), directUrl);
  }

  @Test
  void readsDistInfoEggInfoAndDirectUrls(@TempDir Path site) throws Exception {
    distInfo(site, "numpy-1.26.4.dist-info", "numpy", "1.26.4", "pip", null);
    distInfo(site, "mylib-0.3.dev0.dist-info", "mylib", "0.3.dev0", "pip",
        "{\"url\": \"file:///home/u/src/mylib\", \"dir_info\": {\"editable\": true}}");
    distInfo(site, "tool-2.0.dist-info", "tool", "2.0", "pip",
        "{\"url\": \"https://git.example.org/tool.git\", \"vcs_info\": {\"vcs\": \"git\", \"commit_id\": \"abc123\"}}");
    Files.writeString(site.resolve("six-1.16.0.egg-info"), "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n");
    Path egg = Files.createDirectories(site.resolve("PyYAML-6.0.egg-info"));
    Files.writeString(egg.resolve("PKG-INFO"), "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0\n");
    Files.createDirectories(site.resolve("broken-1.0.dist-info"));
    List<InstalledDistribution> all = InstalledDistributions.read(site);
    assertEquals(List.of("mylib", "numpy", "PyYAML", "six", "tool"), all.stream().map(InstalledDistribution::name).toList());
    List<Requirement> reqs = PipRequirements.pinned(all);
    assertEquals("==0.3.dev0", reqs.get(0).specifier());
    assertTrue(reqs.get(0).comment().startsWith("editable install from file:///home/u/src/mylib"));
    assertEquals(RequirementKind.VCS, reqs.get(4).kind());
    assertEquals("git+https://git.example.org/tool.git@abc123", reqs.get(4).url());
  }

  @Test
  void venvOwnPackagesAndItsCfg(@TempDir Path venv) throws Exception {
    Files.writeString(venv.resolve("pyvenv.cfg"), RecordedHost.resource("lmod-8.6-session/pyvenv.cfg"));
    Path site = Files.createDirectories(venv.resolve("lib/python3.11/site-packages"));
    distInfo(site, "pip-23.0.1.dist-info", "pip", "23.0.1", "pip", null);
    distInfo(site, "envtainer_probe_pkg-1.2.3.dist-info", "envtainer-probe-pkg", "1.2.3", "pip", null);
    VenvInfo v = VenvProbe.fromEnvironment(Map.of("VIRTUAL_ENV", venv.toString())).orElseThrow();
    assertEquals("3.11.2", v.cfg().version());
    assertTrue(v.cfg().includeSystemSitePackages());
    assertEquals(Path.of("/tmp/hostexp/software/Python/3.11.2/bin/python3.11"), v.cfg().baseInterpreter());
    assertEquals(2, v.own().size());
    assertEquals(List.of("envtainer-probe-pkg"), PipRequirements.pinned(v.own()).stream().map(Requirement::name).toList());
  }

  @Test
  void condaPrefixBecomesAnExportLikeEnvironment(@TempDir Path prefix) throws Exception {
    Path meta = Files.createDirectories(prefix.resolve("conda-meta"));
    // Field names and shapes as conda writes conda-meta records (files/paths_data trimmed).
    Files.writeString(meta.resolve("python-3.11.8-hab00c5b_0_cpython.json"), "{\"build\": \"hab00c5b_0_cpython\","
        + " \"build_number\": 0, \"channel\": \"https://conda.anaconda.org/conda-forge/linux-64\", \"name\": \"python\","
        + " \"subdir\": \"linux-64\", \"url\": \"https://conda.anaconda.org/conda-forge/linux-64/python-3.11.8-hab00c5b_0_cpython.conda\","
        + " \"version\": \"3.11.8\", \"requested_spec\": \"python=3.11\", \"files\": [\"bin/python3.11\"]}");
    Files.writeString(meta.resolve("numpy-1.26.4-py311h64a7726_0.json"), "{\"build\": \"py311h64a7726_0\", \"channel\":"
        + " \"conda-forge\", \"name\": \"numpy\", \"url\": \"https://conda.anaconda.org/conda-forge/linux-64/numpy-1.26.4-py311h64a7726_0.conda\","
        + " \"version\": \"1.26.4\"}");
    Files.writeString(meta.resolve("mpich-4.2.1-external_0.json"), "{\"build\": \"external_0\", \"channel\":"
        + " \"https://conda.anaconda.org/conda-forge/label/mpi-external/linux-64\", \"name\": \"mpich\", \"version\": \"4.2.1\"}");
    Files.writeString(meta.resolve("history"), "==> 2024-03-01 <==\n");
    Files.writeString(meta.resolve("state"), "{\"env_vars\": {\"OMP_NUM_THREADS\": \"1\"}}");
    Path site = Files.createDirectories(prefix.resolve("lib/python3.11/site-packages"));
    distInfo(site, "numpy-1.26.4.dist-info", "numpy", "1.26.4", "conda", null);
    distInfo(site, "tomli-2.0.1.dist-info", "tomli", "2.0.1", "pip", null);
    CondaInfo info = CondaProbe.fromEnvironment(Map.of("CONDA_PREFIX", prefix.toString(), "CONDA_DEFAULT_ENV", "sim")).orElseThrow();
    assertEquals("sim", info.name());
    assertEquals(List.of("conda-forge", "conda-forge/label/mpi-external"), info.channels());
    assertEquals("linux-64", info.find("numpy").orElseThrow().subdir());
    assertEquals(List.of("tomli"), info.pipOnly().stream().map(InstalledDistribution::name).toList());
    CondaEnvironment env = CondaProbe.toEnvironment(info);
    assertEquals(List.of("mpich=4.2.1=external_0", "numpy=1.26.4=py311h64a7726_0", "python=3.11.8=hab00c5b_0_cpython"),
        env.matchSpecs().stream().map(MatchSpec::raw).toList());
    assertEquals("==2.0.1", env.pip().requirements().get(0).specifier());
    assertEquals(prefix.toString(), env.prefix());
    assertEquals("1", env.variables().get("OMP_NUM_THREADS"));
    assertNull(env.matchSpecs().get(0).channel());
  }

  @Test
  void channelNames() {
    assertEquals("pkgs/main", CondaProbe.channelName("https://repo.anaconda.com/pkgs/main/linux-64", null));
    assertEquals("conda-forge", CondaProbe.channelName(null, "https://conda.anaconda.org/conda-forge/noarch/x-1-0.conda"));
    assertEquals("https://mirror.example.org/conda/forge", CondaProbe.channelName("https://mirror.example.org/conda/forge/linux-64", null));
  }

  @Test
  void pythonProbeOutputIsParsed() throws Exception {
    PythonInfo p = PythonProbe.parse("{\"version\": \"3.11.2\", \"implementation\": \"CPython\", \"executable\": \"/v/bin/python3\","
        + " \"prefix\": \"/v\", \"base_prefix\": \"/usr\", \"site_packages\": [\"/v/lib/python3.11/site-packages\"], \"path\": []}\n");
    assertTrue(p.inVenv());
    assertEquals("3.11", p.minorVersion());
  }
}
