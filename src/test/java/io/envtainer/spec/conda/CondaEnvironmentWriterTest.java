package io.envtainer.spec.conda;

import static io.envtainer.spec.conda.CondaFixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SpecException;
import io.envtainer.spec.SpecWarning;
import io.envtainer.spec.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

@Tag("unit")
class CondaEnvironmentWriterTest {

  /** Parses written text as if it were the fixture itself (same file, same directory for pip paths). */
  private static CondaEnvironment reparse(Path file, String text) throws SpecException {
    YamlDocument doc = YamlDocument.parse(file, text);
    return CondaEnvironmentParser.parse(doc, doc.root(), file.toAbsolutePath().getParent(), new ArrayList<>());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hand-written.yml", "export.yml", "from-history.yml", "mpi-external.yml", "variables.yml",
      "odd-formatting.yml", "empty-deps.yml", "unknown-keys.yml", "windows-prefix-double-quoted.yml"})
  void roundTripKeepsMeaning(String fixture) throws SpecException {
    Path file = path(fixture);
    CondaEnvironment original = CondaEnvironmentParser.parse(file, new ArrayList<SpecWarning>());
    String written = CondaEnvironmentWriter.write(original);
    CondaEnvironment again = reparse(file, written);
    assertEquals(WithoutLocations.of(original), WithoutLocations.of(again), written);
    assertEquals(written, CondaEnvironmentWriter.write(again), "writing is stable");
  }

  @Test
  void writesExportOrderQuotingAndComments() throws SpecException {
    CondaEnvironment env = CondaEnvironmentParser.parse(path("hand-written.yml"), new ArrayList<>());
    String written = CondaEnvironmentWriter.write(env);
    assertTrue(written.startsWith("name: sim-hpc\nchannels:\n  - conda-forge\n  - nodefaults\ndependencies:\n"), written);
    assertTrue(written.contains("\n  - python >=3.11,<3.13  # the cluster's Python module is 3.11\n"), written);
    assertTrue(written.contains("\n  - matplotlib-base *\n"), written);
    assertTrue(written.contains("\n  - cython!=3.0.9\n"), written);
    assertTrue(written.contains("\n  - pip:\n      - -r requirements-extra.txt\n"), written);
    assertTrue(written.contains("\n      - requests==2.31.0  # HTTP\n"), written);
  }

  @Test
  void whatAnotherYamlReaderSeesIsTheSameText() throws SpecException {
    CondaEnvironment env = CondaEnvironmentParser.parse(path("variables.yml"), new ArrayList<>());
    Map<String, Object> loaded = new Yaml().load(CondaEnvironmentWriter.write(env));
    assertEquals(env.variables(), loaded.get("variables"));
    CondaEnvironment mpi = CondaEnvironmentParser.parse(path("mpi-external.yml"), new ArrayList<>());
    loaded = new Yaml().load(CondaEnvironmentWriter.write(mpi));
    assertEquals(mpi.matchSpecs().stream().map(MatchSpec::raw).toList(), loaded.get("dependencies"));
  }

  @Test
  void specsThatNeedQuotesAreQuoted() throws SpecException {
    Path file = Path.of("synthetic.yml");
    List<CondaDependency> deps = List.of(
        MatchSpecParser.parse("*[md5=0123456789abcdef0123456789abcdef]", null),
        MatchSpecParser.parse("numpy # not a YAML comment", null),
        MatchSpecParser.parse("conda-forge::numpy", null).withComment("from conda-forge"));
    CondaEnvironment env = new CondaEnvironment(file, "yes", List.of(new Channel("conda-forge", null)), deps,
        "C:\\Users\\me\\envs\\x", Map.of("N", "4"), null);
    String written = CondaEnvironmentWriter.write(env);
    assertEquals("""
        name: 'yes'
        channels:
          - conda-forge
        dependencies:
          - '*[md5=0123456789abcdef0123456789abcdef]'
          - 'numpy # not a YAML comment'
          - conda-forge::numpy  # from conda-forge
        variables:
          N: '4'
        prefix: C:\\Users\\me\\envs\\x
        """, written);
    assertEquals(WithoutLocations.of(env), WithoutLocations.of(reparse(file, written)));
  }
}
