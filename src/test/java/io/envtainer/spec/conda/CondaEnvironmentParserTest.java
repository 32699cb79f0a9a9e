package io.envtainer.spec.conda;

import static io.envtainer.spec.conda.CondaFixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.SpecWarning;
import io.envtainer.spec.YamlDocument;
import io.envtainer.spec.pip.Include;
import io.envtainer.spec.pip.PipOption;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.RequirementKind;
import io.envtainer.spec.pip.RequirementsLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CondaEnvironmentParserTest {
  private final List<SpecWarning> warnings = new ArrayList<>();

  private CondaEnvironment parse(String fixture) throws SpecException {
    return CondaEnvironmentParser.parse(path(fixture), warnings);
  }

  private static Map<String, MatchSpec> byName(CondaEnvironment env) {
    return env.matchSpecs().stream()
        .collect(Collectors.toMap(MatchSpec::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private static List<String> channelNames(CondaEnvironment env) {
    return env.channels().stream().map(Channel::name).toList();
  }

  @Test
  void fromHistoryExport() throws SpecException {
    CondaEnvironment env = parse("from-history.yml");
    assertEquals("sim", env.name());
    assertEquals(List.of("conda-forge", "defaults"), channelNames(env));
    assertEquals(List.of("python", "numpy", "scipy", "mpi4py", "matplotlib"), List.copyOf(byName(env).keySet()));
    Map<String, MatchSpec> m = byName(env);
    assertEquals("3.11.*", m.get("python").version());
    assertNull(m.get("numpy").version());
    assertEquals(">=1.11", m.get("scipy").version());
    assertEquals(Map.of("version", ">=1.11"), m.get("scipy").brackets());
    assertEquals("conda-forge", m.get("mpi4py").channel());
    assertEquals("/home/me/miniforge3/envs/sim", env.prefix());
    assertEquals(path("from-history.yml"), env.file());
    assertEquals(new SourceLocation(path("from-history.yml"), 6, 5), m.get("python").location());
    assertEquals(new SourceLocation(path("from-history.yml"), 3, 5), env.channels().get(0).location());
    assertTrue(warnings.isEmpty(), warnings::toString);
  }

  @Test
  void mpiExternalForms() throws SpecException {
    Map<String, MatchSpec> m = byName(parse("mpi-external.yml"));
    assertEquals("4.1.*", m.get("openmpi").version());
    assertEquals("external_*", m.get("openmpi").build());
    assertEquals("conda-forge/label/mpi-external", m.get("mpich").channel());
    assertEquals("mpi_openmpi*", m.get("mpi4py").build());
    assertEquals("*", m.get("h5py").version());
    assertEquals("mpi_openmpi_*", m.get("h5py").build());
    MatchSpec fftw = m.get("fftw");
    assertEquals("conda-forge/linux-64", fftw.channel());
    assertEquals("linux-64", fftw.subdir());
    assertEquals("mpi_openmpi_*", fftw.build());
    assertEquals(">=3.3.10", fftw.version());
    assertEquals("https://conda.anaconda.org/conda-forge", m.get("petsc").channel());
    assertEquals(">=3.20", m.get("petsc").version());
    assertEquals("conda-forge/linux-64::fftw[build='mpi_openmpi_*', version='>=3.3.10']", fftw.raw());
  }

  @Test
  void variablesAreText() throws SpecException {
    CondaEnvironment env = parse("variables.yml");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("OMP_NUM_THREADS", "4");
    expected.put("MPLBACKEND", "Agg");
    expected.put("HDF5_USE_FILE_LOCKING", "FALSE");
    expected.put("EMPTY", "");
    expected.put("GREETING", "hello: world");
    expected.put("RATIO", "1.10");
    expected.put("ENABLED", "yes");
    assertEquals(expected, env.variables());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(env.variables().keySet()));
    assertEquals(List.of(), env.channels());
  }

  @Test
  void emptyDependenciesAndNoChannels() throws SpecException {
    CondaEnvironment env = parse("empty-deps.yml");
    assertEquals("bare", env.name());
    assertEquals(List.of(), env.dependencies());
    assertEquals(List.of(), env.channels());
    assertNull(env.prefix());
    assertTrue(env.pip().isEmpty());
  }

  @Test
  void unknownKeysAreWarningsWithLocations() throws SpecException {
    CondaEnvironment env = parse("unknown-keys.yml");
    assertEquals("locked", env.name());
    assertEquals(2, warnings.size(), warnings::toString);
    assertEquals(new SourceLocation(path("unknown-keys.yml"), 2, 1), warnings.get(0).location());
    assertTrue(warnings.get(0).message().contains("'category'"));
    assertEquals(new SourceLocation(path("unknown-keys.yml"), 5, 1), warnings.get(1).location());
    assertTrue(warnings.get(1).message().contains("'platforms'"));
  }

  @Test
  void windowsPrefixPlainSingleAndDoubleQuoted() throws SpecException {
    assertEquals("C:\\Users\\me\\miniconda3\\envs\\analysis", parse("export.yml").prefix());
    assertEquals("C:\\Users\\me\\miniconda3\\envs\\win", parse("windows-prefix-double-quoted.yml").prefix());
    assertEquals("C:\\Users\\me\\envs\\odd", parse("odd-formatting.yml").prefix());
  }

  @Test
  void inlineMappingInsideAnotherFile() throws SpecException {
    Path spec = Path.of("/project/envtainer.yml");
    String text = """
        image: sim
        conda:
          name: inline
          channels: [conda-forge]
          dependencies:
            - numpy=1.26   # pinned
            - "python >=3.11"
        """;
    YamlDocument doc = YamlDocument.parse(spec, text);
    var conda = YamlDocument.find((org.yaml.snakeyaml.nodes.MappingNode) doc.root(), "conda").orElseThrow();
    CondaEnvironment env = CondaEnvironmentParser.parse(doc, conda.getValueNode(), Path.of("/project"), warnings);
    assertEquals(spec, env.file());
    assertEquals("inline", env.name());
    MatchSpec numpy = env.matchSpecs().get(0);
    assertEquals("pinned", numpy.comment());
    assertEquals(new SourceLocation(spec, 6, 7), numpy.location());
    MatchSpec python = env.matchSpecs().get(1);
    assertEquals(new SourceLocation(spec, 7, 8), python.location());
    assertEquals(">=3.11", python.version());
  }

  @Test
  void handWrittenWithCommentsAndAPipSection() throws SpecException {
    Path file = path("hand-written.yml");
    CondaEnvironment env = parse("hand-written.yml");
    assertEquals("sim-hpc", env.name());
    assertEquals(List.of("conda-forge", "nodefaults"), channelNames(env));
    Map<String, MatchSpec> m = byName(env);
    assertEquals("the cluster's Python module is 3.11", m.get("python").comment());
    assertEquals(">=3.11,<3.13", m.get("python").version());
    assertEquals("1.26.*", m.get("numpy").version());
    assertEquals("2.2.2", m.get("pandas").version());
    assertEquals("3.11.*", m.get("h5py").version());
    assertEquals("mpi_openmpi_*", m.get("h5py").build());
    assertEquals("matplotlib-base *", m.get("matplotlib-base").raw());
    assertEquals(new SourceLocation(file, 13, 6), m.get("matplotlib-base").location());
    assertEquals("!=3.0.9", m.get("cython").version());
    assertEquals("openblas", m.get("blas").build());
    assertEquals("*openblas", m.get("libblas").build());
    assertNull(m.get("pip").version());
    assertEquals(11, env.matchSpecs().size());

    PipDependencies pip = (PipDependencies) env.dependencies().get(env.dependencies().size() - 1);
    assertEquals(new SourceLocation(file, 18, 5), pip.location());
    List<RequirementsLine> lines = pip.requirements().lines();
    assertEquals(7, lines.size());
    Include include = (Include) lines.get(0);
    assertEquals(file.getParent().resolve("requirements-extra.txt"), include.included().file());
    assertEquals(new SourceLocation(file, 20, 9), lines.get(1).location());
    assertEquals(new PipOption("--extra-index-url", "https://pypi.example.org/simple", lines.get(1).location()),
        lines.get(1));
    Map<String, Requirement> reqs = new LinkedHashMap<>();
    for (Requirement r : env.pip().requirements()) reqs.put(r.name() == null ? r.url() : r.name(), r);
    assertEquals(List.of("tqdm", "requests", "rich", "mylib", "tool", "./local-pkg"), List.copyOf(reqs.keySet()));
    assertEquals("==2.31.0", reqs.get("requests").specifier());
    assertEquals("HTTP", reqs.get("requests").comment().strip());
    assertEquals("python_version >= '3.11'", reqs.get("rich").marker());
    assertEquals(new SourceLocation(file, 22, 10), reqs.get("rich").location());
    assertEquals(RequirementKind.URL, reqs.get("mylib").kind());
    assertEquals(RequirementKind.VCS, reqs.get("tool").kind());
    assertTrue(reqs.get("./local-pkg").editable());
  }

  @Test
  void condaEnvExportWithBuildsPipPinsAndWindowsPrefix() throws SpecException {
    CondaEnvironment env = parse("export.yml");
    assertEquals("analysis", env.name());
    assertEquals(List.of("conda-forge", "defaults"), channelNames(env));
    assertEquals(55, env.matchSpecs().size());
    for (MatchSpec s : env.matchSpecs()) {
      assertEquals(s.raw(), s.name() + "=" + s.version() + "=" + s.build(), "name=version=build: " + s.raw());
    }
    Map<String, MatchSpec> m = byName(env);
    assertEquals("conda_forge", m.get("_libgcc_mutex").build());
    assertEquals("0.3.27", m.get("libopenblas").version());
    assertEquals("pthreads_h413a1c8_0", m.get("libopenblas").build());
    assertEquals("3.11.9", m.get("python").version());
    assertEquals("hb806964_0_cpython", m.get("python").build());
    assertEquals("2024a", m.get("tzdata").version());
    List<Requirement> pins = env.pip().requirements();
    assertEquals(List.of("charset-normalizer", "idna", "requests", "tqdm", "urllib3"),
        pins.stream().map(Requirement::name).toList());
    for (Requirement r : pins) assertTrue(r.specifier().startsWith("=="), r.specifier());
    assertEquals("C:\\Users\\me\\miniconda3\\envs\\analysis", env.prefix());
  }

  @Test
  void oddFormattingStillReads() throws SpecException {
    Path file = path("odd-formatting.yml");
    CondaEnvironment env = parse("odd-formatting.yml");
    assertEquals("odd", env.name());
    assertEquals(List.of("conda-forge", "https://conda.example.org/internal"), channelNames(env));
    Map<String, MatchSpec> m = byName(env);
    assertEquals("unindented sequence, 4-space items", m.get("python").comment());
    assertEquals(new SourceLocation(file, 8, 5), m.get("python").location());
    assertEquals(new SourceLocation(file, 9, 6), m.get("numpy").location());
    assertEquals(new SourceLocation(file, 10, 8), m.get("scipy").location());
    assertEquals("1.13.*", m.get("scipy").version());
    assertEquals(List.of("requests", "rich"), env.pip().requirements().stream().map(Requirement::name).toList());
    assertEquals(Map.of("FOO", "bar"), env.variables());
  }
}
