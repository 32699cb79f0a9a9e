package io.envtainer.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.modules.ModuleRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class EnvtainerSpecParserTest {
  static final Path EXAMPLES = Path.of("definitions/specs");

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void moduleVenvExample() throws SpecException {
    Spec s = EnvtainerSpecParser.parse(EXAMPLES.resolve("module-venv.yaml"));
    assertEquals("module-venv", s.name());
    assertEquals(PythonSource.MODULE, s.python().source());
    assertEquals("python-scientific/3.10.4-foss-2022a", s.python().module());
    assertEquals("3.10", s.python().version());
    assertEquals(Python.DEFAULT_PREFIX, s.python().prefix());
    assertEquals(List.of("python-scientific/3.10.4-foss-2022a"),
        s.modules().modules().stream().map(ModuleRef::fullName).toList());
    assertEquals(List.of("numpy", "scipy", "h5py", "tqdm"),
        s.pip().requirements().stream().map(r -> r.name()).toList());
    assertEquals("platform_machine == \"x86_64\"", s.pip().requirements().get(2).marker());
    assertEquals(List.of(new EnvVar("OMP_NUM_THREADS", "1", s.env().get(0).location())), s.env());
    assertEquals(14, s.env().get(0).location().line());
    assertEquals("hpc-support@example.org", s.labels().get(0).value());
  }

  @Test
  void condaFileAndInlineExamples() throws SpecException {
    Spec file = EnvtainerSpecParser.parse(EXAMPLES.resolve("conda.yaml"));
    assertEquals(PythonSource.CONDA, file.python().source());
    assertEquals("/opt/conda-env", file.python().prefix());
    assertEquals("conda-analysis", file.conda().name());
    assertEquals(List.of("python", "numpy", "scipy", "pandas", "xarray", "pip"),
        file.conda().matchSpecs().stream().map(m -> m.name()).toList());
    assertEquals("rich", file.conda().pip().requirements().get(0).name());

    Spec inline = EnvtainerSpecParser.parse(EXAMPLES.resolve("conda-mpi.yaml"));
    assertEquals(MpiMode.BIND, inline.mpi().mode());
    assertEquals(MpiFamily.OPENMPI, inline.mpi().family());
    assertEquals("generic-openmpi4", inline.site());
    assertEquals(4, inline.conda().matchSpecs().size());
    assertEquals(13, inline.conda().matchSpecs().get(0).location().line());
  }

  @Test
  void everyFieldOfTheFormat() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/input.csv"), "a,b\n");
    Files.writeString(dir.resolve("mods.txt"), "module use /apps/modules\nml GCC/11.3.0\n");
    Path p = write("full.yaml", String.join("\n",
        "envtainer: 1",
        "name: full.env-1",
        "base: docker://registry.example.org/hpc/python:3.11-slim",
        "site: generic-openmpi4",
        "python:",
        "  source: venv",
        "  version: '3.11'",
        "  prefix: /project/envs/full",
        "  system_site_packages: yes",
        "modules: {file: mods.txt}",
        "pip:",
        "  - --index-url https://pypi.example.org/simple",
        "  - numpy==1.26.4 --hash=sha256:" + "a".repeat(64),
        "mpi: {family: mpich, version: '4.0.2', mode: bind}",
        "binds:",
        "  - /scratch",
        "  - /apps:/apps:ro",
        "  - {source: /data/shared, target: /shared, readonly: true}",
        "env:",
        "  OMP_NUM_THREADS: '1'",
        "  EMPTY:",
        "files:",
        "  - data/input.csv /opt/data/input.csv",
        "  - {source: data, target: /opt/data2}",
        "runscript: |",
        "  cd /work",
        "  exec python \"$@\"",
        "tests:",
        "  - python -c 'import numpy'",
        "labels:",
        "  org.opencontainers.image.version: '1.0'",
        ""));
    Spec s = EnvtainerSpecParser.parse(p);
    assertEquals("docker://registry.example.org/hpc/python:3.11-slim", s.base());
    assertEquals(Boolean.TRUE, s.python().systemSitePackages());
    assertEquals("/project/envs/full", s.python().prefix());
    assertEquals(List.of("/apps/modules"), s.modules().modulePaths());
    assertEquals(1, s.pip().options().size());
    assertEquals(1, s.pip().requirements().get(0).hashes().size());
    assertEquals(new Mpi(MpiFamily.MPICH, "4.0.2", MpiMode.BIND), s.mpi());
    assertEquals(List.of("/scratch", "/apps:/apps:ro", "/data/shared:/shared:ro"),
        s.binds().stream().map(Bind::toBindSpec).toList());
    assertEquals("", s.env().get(1).value());
    assertEquals(List.of("/opt/data/input.csv", "/opt/data2"), s.files().stream().map(FileCopy::target).toList());
    assertEquals("cd /work\nexec python \"$@\"\n", s.runscript());
    assertEquals(1, s.tests().size());
    assertEquals("1.0", s.labels().get(0).value());
    assertEquals(new SourceLocation(p, 3, 7), s.locationOf("base"));
  }

  @Test
  void moduleSourceTakesThePythonModuleFromTheList() throws Exception {
    Spec s = EnvtainerSpecParser.parse(write("m.yaml",
        "name: m\npython: {source: module}\nmodules: [GCC/11.3.0, Python/3.10.4-GCCcore-11.3.0]\n"));
    assertEquals("Python/3.10.4-GCCcore-11.3.0", s.python().module());
    assertNull(s.python().version());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "unknown key with a suggestion|name: x\\npyton: {source: venv}|2|1|unknown key 'pyton' in the spec|did you mean 'python'?",
    "duplicate key|name: x\\nname: y\\npython: {source: venv}|2|1|duplicate key 'name'|",
    "bad name|name: My Env\\npython: {source: venv}|1|7|expected a name of lower-case letters|",
    "missing name|python: {source: venv}|1|1|expected a 'name:' key|",
    "missing python|name: x|1|1|expected a 'python:' key|",
    "bad source|name: x\\npython: {source: pixi}|2|18|expected python.source to be one of module, venv, conda, system|",
    "python not a mapping|name: x\\npython: venv|2|9|expected python to be a mapping|",
    "bad python version|name: x\\npython: {source: venv, version: three}|2|33|expected python.version like 3.11|",
    "relative prefix|name: x\\npython: {source: venv, prefix: env}|2|32|expected python.prefix to be an absolute path|",
    "bind with a space|name: x\\npython: {source: venv}\\nbinds: ['/my data']|3|9|expected bind paths to be absolute paths|",
    "bind with bad mode|name: x\\npython: {source: venv}\\nbinds: ['/a:/b:rx']|3|9|expected 'ro' or 'rw'|",
    "env name|name: x\\npython: {source: venv}\\nenv: {1BAD: x}|3|7|expected an environment variable name|",
    "env value is a list|name: x\\npython: {source: venv}\\nenv: {A: [1]}|3|10|expected env.A to be a single value|",
    "label key|name: x\\npython: {source: venv}\\nlabels: {'a b': x}|3|10|expected a label key|",
    "file source missing|name: x\\npython: {source: venv}\\nfiles: ['nope.txt /opt/x']|3|9|expected the source of a file entry to exist|",
    "file target relative|name: x\\npython: {source: venv}\\nfiles: ['full.yaml opt/x']|3|9|expected the target of a file entry|",
    "conda without conda source|name: x\\npython: {source: venv}\\nconda: {dependencies: [numpy]}|2|18|a 'conda:' section needs python.source conda|",
    "conda source without conda|name: x\\npython: {source: conda}|2|18|expected a 'conda:' section|",
    "module source without module|name: x\\npython: {source: module}|2|18|expected python.module or a python module|",
    "mpi mode without family|name: x\\npython: {source: venv}\\nmpi: {mode: hybrid}|3|13|expected mpi.family or a site profile|",
    "mpi bad family|name: x\\npython: {source: venv}\\nmpi: {family: lam}|3|15|expected mpi.family to be one of|",
    "mpi bad mode|name: x\\npython: {source: venv}\\nmpi: {family: mpich, mode: shared}|3|28|expected mpi.mode to be none, hybrid or bind|",
    "pip file missing|name: x\\npython: {source: venv}\\npip: {file: req.txt}|3|13|expected pip.file to name an existing file|",
    "bad requirement inline|name: x\\npython: {source: venv}\\npip: ['numpy>=']|3|14|expected a version after|",
    "bad module inline|name: x\\npython: {source: venv}\\nmodules: ['a b']|3|11|expected a module name|",
    "bad conda inline|name: x\\npython: {source: conda}\\nconda: {dependencies: [{foo: bar}]}|3|25|expected a package spec|",
    "tab indentation|name: x\\npython:\\n\\tsource: venv|3|1|invalid YAML|indent with spaces",
    "format version|envtainer: 2\\nname: x\\npython: {source: venv}|1|12|expected spec format version 1|",
  })
  void malformedSpecsGiveOneLocatedError(String what, String text, int line, int column, String expected, String hint)
      throws IOException {
    Path p = write("full.yaml", text.replace("\\n", "\n").replace("\\t", "\t"));
    SpecException e = assertThrows(SpecException.class, () -> EnvtainerSpecParser.parse(p));
    assertTrue(e.getMessage().startsWith(p + ":" + line + ":" + column + ": error: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    if (hint != null) assertTrue(e.getMessage().contains(hint), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
