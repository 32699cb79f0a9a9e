package io.envtainer.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every supported input, normalised and written as envtainer YAML or JSON, reads back to the same spec. */
@Tag("unit")
class SpecRoundTripTest {
  @TempDir Path dir;

  static Stream<Path> inputs() throws IOException {
    return Stream.of(
        Path.of("definitions/specs/module-venv.yaml"),
        Path.of("definitions/specs/module-venv-mpi.yaml"),
        Path.of("definitions/specs/conda.yaml"),
        Path.of("definitions/specs/conda-mpi.yaml"),
        Path.of("definitions/specs/conda.environment.yml"),
        Path.of("definitions/specs/module-venv.requirements.txt"),
        Path.of("src/test/resources/conda/export.yml"),
        Path.of("src/test/resources/conda/hand-written.yml"),
        Path.of("src/test/resources/conda/mpi-external.yml"),
        Path.of("src/test/resources/conda/variables.yml"),
        Path.of("src/test/resources/conda/odd-formatting.yml"),
        Path.of("src/test/resources/spec/modules.txt"),
        Path.of("src/test/resources/spec/tricky.yaml"));
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void yamlRoundTrip(Path input) throws Exception {
    Spec first = SpecLoader.load(input).spec();
    Map<String, Object> tree = SpecTree.of(first);
    // Relative references (-c FILE) stay relative to the spec's directory: write the copy beside its neighbours.
    try (var siblings = Files.list(input.toAbsolutePath().getParent())) {
      for (Path f : siblings.filter(Files::isRegularFile).toList()) Files.copy(f, dir.resolve(f.getFileName()));
    }
    Path written = dir.resolve("roundtrip.yaml");
    Files.writeString(written, YamlWriter.write(tree));
    Spec again = SpecLoader.load(written).spec();
    assertEquals(tree, SpecTree.of(again), Files.readString(written));
    assertEquals(SpecFormat.ENVTAINER, SpecLoader.detect(written));
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void jsonIsTheSameTree(Path input) throws Exception {
    Map<String, Object> tree = SpecTree.of(SpecLoader.load(input).spec());
    Object parsed = new Yaml().load(JsonWriter.write(tree)); // JSON is YAML
    assertEquals(tree, parsed);
  }

  @Test
  void scalarsThatYamlWouldRetypeAreQuoted() throws Exception {
    for (String s : new String[] {"3.10", "yes", "No", "null", "~", "1e3", "0x1F", "true", "- x", "a: b", "#c", "a #b",
        " lead", "trail ", "", "it's", "say \"hi\"", "back\\slash", "tab\there", "x\ny", "%post", "{{ x }}", "@at",
        "*star", "&anchor", "!tag", "[list]", "{map}", "|", ">", "`tick`", "conda-forge::numpy>=1"}) {
      String yaml = "k: " + YamlWriter.scalar(s) + "\n";
      Object v = ((Map<?, ?>) new Yaml().load(yaml)).get("k");
      assertEquals(s, v, yaml);
    }
  }

  @Test
  void detectionByNameAndContent() throws Exception {
    assertEquals(SpecFormat.CONDA, SpecLoader.detect(Path.of("src/test/resources/conda/export.yml")));
    assertEquals(SpecFormat.ENVTAINER, SpecLoader.detect(Path.of("definitions/specs/conda.yaml")));
    assertEquals(SpecFormat.REQUIREMENTS, SpecLoader.detect(Path.of("definitions/specs/module-venv.requirements.txt")));
    assertEquals(SpecFormat.MODULES, SpecLoader.detect(Path.of("src/test/resources/spec/modules.txt")));
    Path terse = dir.resolve("loaded.modules");
    Files.writeString(terse, "GCC/11.3.0\nPython/3.10.4-GCCcore-11.3.0\n");
    assertEquals(SpecFormat.MODULES, SpecLoader.detect(terse));
    Path odd = dir.resolve("odd.yaml");
    Files.writeString(odd, "foo: bar\n");
    SpecException e = assertThrows(SpecException.class, () -> SpecLoader.detect(odd));
    assertTrue(e.getMessage().contains("cannot tell what kind of YAML file"), e.getMessage());
  }

  @Test
  void importedFilesBecomeSpecs() throws Exception {
    Spec conda = SpecLoader.load(Path.of("src/test/resources/conda/export.yml")).spec();
    assertEquals("analysis", conda.name());
    assertEquals(PythonSource.CONDA, conda.python().source());
    Spec reqs = SpecLoader.load(Path.of("definitions/specs/module-venv.requirements.txt")).spec();
    assertEquals("module-venv", reqs.name());
    Path generic = Files.createDirectories(dir.resolve("My Project")).resolve("requirements-dev.txt");
    Files.writeString(generic, "numpy\n");
    assertEquals("my-project", SpecLoader.load(generic).spec().name()); // generic name: the directory names it
    assertEquals(PythonSource.VENV, reqs.python().source());
    Spec mods = SpecLoader.load(Path.of("src/test/resources/spec/modules.txt")).spec();
    assertEquals(PythonSource.MODULE, mods.python().source());
    assertEquals("python-scientific/3.10.4-foss-2022a", mods.python().module());
    assertEquals("3.10.4", mods.python().version());
    assertEquals(new Mpi(MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID), mods.mpi());
  }
}
