package io.envtainer.spec.conda;

import static io.envtainer.spec.conda.CondaFixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class CondaEnvironmentErrorsTest {

  /** fixture under conda/bad ; line ; column ; text the message must contain. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', textBlock = """
      deps-not-list.yml             ; 2 ; 15 ; expected dependencies to be a list
      dep-mapping.yml               ; 4 ; 5  ; expected a package spec or a 'pip:' list, found a mapping with key 'numpy'
      nested-list.yml               ; 4 ; 5  ; expected a package spec, found a nested list
      channels-not-list.yml         ; 2 ; 11 ; expected channels to be a list
      name-not-text.yml             ; 1 ; 7  ; expected name to be a single value, found a list
      pip-entry-mapping.yml         ; 5 ; 9  ; expected a pip requirement line
      pip-entry-list.yml            ; 5 ; 9  ; expected a pip requirement line
      pip-with-other-key.yml        ; 4 ; 5  ; expected a package spec or a 'pip:' list, found a mapping with key 'conda'
      two-pip.yml                   ; 6 ; 5  ; expected one 'pip:' list in dependencies, found a second one (first on line 3)
      duplicate-key.yml             ; 6 ; 1  ; expected each key once in the conda environment, found 'dependencies' again (first on line 2)
      duplicate-variable.yml        ; 5 ; 3  ; expected each key once in variables, found 'A' again
      variables-not-mapping.yml     ; 3 ; 3  ; expected variables to be a mapping
      tabs.yml                      ; 3 ; 1  ; expected spaces for indentation, found a tab
      not-mapping.yml               ; 1 ; 1  ; expected a conda environment (a mapping with name, channels, dependencies), found a list
      scalar-file.yml               ; 1 ; 1  ; expected a conda environment
      empty.yml                     ; 1 ; 1  ; expected a conda environment (a mapping with name, channels, dependencies), found an empty file
      empty-item.yml                ; 4 ; 4  ; expected a package spec, found an empty value
      bad-matchspec.yml             ; 4 ; 12 ; expected a version after '==', found nothing
      unbalanced-brackets.yml       ; 4 ; 11 ; expected ']' to close the '[' here
      empty-channel.yml             ; 4 ; 5  ; expected a channel name before '::'
      windows-prefix-bad-escape.yml ; 4 ; 14 ; expected escape sequence
      pip-bad-requirement.yml       ; 4 ; 19 ; expected a version after '>='
      pip-missing-include.yml       ; 5 ; 12 ; expected an existing file after -r
      """)
  void malformedFilesFailWithLineAndColumn(String fixture, int line, int column, String expected) {
    Path file = path("bad/" + fixture);
    SpecException e = assertThrows(SpecException.class, () -> CondaEnvironmentParser.parse(file, new ArrayList<>()));
    String message = e.getMessage();
    assertTrue(message.startsWith(file + ":" + line + ":" + column + ": error: "), message);
    assertTrue(message.contains(expected), message);
    assertEquals(line, e.location().line(), message);
    assertEquals(column, e.location().column(), message);
  }
}
