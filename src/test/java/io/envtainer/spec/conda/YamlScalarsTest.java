package io.envtainer.spec.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

@Tag("unit")
class YamlScalarsTest {

  /** value ; how it is written. The written form must load (YAML 1.1 types, as PyYAML does) as the same string. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '`', emptyValue = "", textBlock = """
      numpy                              ; numpy
      openmpi=4.1.*=external_*           ; openmpi=4.1.*=external_*
      mpi4py[build=mpi_openmpi*]         ; mpi4py[build=mpi_openmpi*]
      python >=3.11,<3.15                ; python >=3.11,<3.15
      conda-forge/label/mpi-external::mpich ; conda-forge/label/mpi-external::mpich
      https://conda.anaconda.org/conda-forge ; https://conda.anaconda.org/conda-forge
      C:\\Users\\me\\envs\\x             ; C:\\Users\\me\\envs\\x
      -e ./local-pkg                     ; -e ./local-pkg
      --index-url https://x.org/simple   ; --index-url https://x.org/simple
      *                                  ; '*'
      *[md5=abc]                         ; '*[md5=abc]'
      >=1.2                              ; '>=1.2'
      !=1.2                              ; '!=1.2'
      &anchor                            ; '&anchor'
      [x]                                ; '[x]'
      {x}                                ; '{x}'
      #not a comment                     ; '#not a comment'
      numpy #pinned                      ; 'numpy #pinned'
      hello: world                       ; 'hello: world'
      ends with colon:                   ; 'ends with colon:'
      - item                             ; '- item'
      ? key                              ; '? key'
      :x                                 ; ':x'
      |literal                           ; '|literal'
      %directive                         ; '%directive'
      @at                                ; '@at'
      `it's`                             ; `it's`
      `'quoted'`                         ; `'''quoted'''`
      yes                                ; 'yes'
      off                                ; 'off'
      null                               ; 'null'
      ~                                  ; '~'
      4                                  ; '4'
      1.10                               ; '1.10'
      0x1F                               ; '0x1F'
      2024-06-01                         ; '2024-06-01'
      =                                  ; '='
      <<                                 ; '<<'
      ``                                 ; ''
      `  padded `                        ; `'  padded '`
      """)
  void quotesOnlyWhenNeeded(String value, String written) {
    assertEquals(written, YamlScalars.scalar(value));
    assertEquals(Map.of("k", value), new Yaml().load("k: " + written + "\n"));
    assertEquals(Map.of("k", value), new Yaml().load("k: " + written + "  # trailing comment\n"));
  }

  @Test
  void controlCharactersUseDoubleQuotes() {
    Map<String, String> cases = Map.of(
        "a\tb", "\"a\\tb\"",
        "line\nbreak", "\"line\\nbreak\"",
        "back\\slash\n\"q\"", "\"back\\\\slash\\n\\\"q\\\"\"",
        "bell\u0007", "\"bell\\u0007\"");
    cases.forEach((value, written) -> {
      assertEquals(written, YamlScalars.scalar(value));
      assertEquals(Map.of("k", value), new Yaml().load("k: " + written + "\n"));
    });
  }
}
