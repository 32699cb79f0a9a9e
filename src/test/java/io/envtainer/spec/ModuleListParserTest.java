package io.envtainer.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.modules.ModuleList;
import io.envtainer.spec.modules.ModuleListParser;
import io.envtainer.spec.modules.ModuleListWriter;
import io.envtainer.spec.modules.ModuleRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class ModuleListParserTest {
  private static final Path FILE = Path.of("modules.txt");

  private static List<String> names(ModuleList l) {
    return l.modules().stream().map(ModuleRef::fullName).toList();
  }

  @Test
  void moduleLoadAndMlWithSeveralNames() throws SpecException {
    ModuleList l = ModuleListParser.parse(FILE, "module load a/1 b\nml python-scientific/3.10.4-foss-2022a c/2.0\n");
    assertEquals(List.of("a/1", "b", "python-scientific/3.10.4-foss-2022a", "c/2.0"), names(l));
    assertEquals(new SourceLocation(FILE, 2, 4), l.modules().get(2).location());
  }

  @Test
  void useUnusePurgeUnloadAndSynonyms() throws SpecException {
    ModuleList l = ModuleListParser.parse(FILE, String.join("\n",
        "module use /apps/modules/all",
        "module use -a /sw/modules",
        "module add gcc/12",
        "module load x/1 y/2",
        "module purge",
        "module --force load OpenMPI/4.1.4-GCC-11.3.0",
        "ml Python/3.10.4-GCCcore-11.3.0 zlib",
        "ml -zlib",
        "module unload nothing-loaded",
        "module unuse /sw/modules",
        "ml use /extra"));
    assertTrue(l.purge());
    assertEquals(List.of("/apps/modules/all", "/extra"), l.modulePaths());
    assertEquals(List.of("OpenMPI/4.1.4-GCC-11.3.0", "Python/3.10.4-GCCcore-11.3.0"), names(l));
  }

  @Test
  void loadingAnotherVersionReplacesTheFirst() throws SpecException {
    assertEquals(List.of("gcc/12"), names(ModuleListParser.parse(FILE, "ml gcc/11\nml gcc/12\n")));
  }

  @Test
  void commentsContinuationsSemicolonsCrlfAndBom() throws SpecException {
    String text = "\uFEFF# modules for my job\r\nmodule load a/1 \\\r\n   b/2  # trailing comment\r\n"
        + "module purge; module load c/3; ml d\r\n";
    ModuleList l = ModuleListParser.parse(FILE, text);
    assertEquals(List.of("c/3", "d"), names(l));
  }

  @Test
  void terseListOutputIsBareNamesOnePerLine() throws SpecException {
    ModuleList l = ModuleListParser.parse(FILE, "GCCcore/11.3.0\nzlib/1.2.12-GCCcore-11.3.0\nPython/3.10.4-GCCcore-11.3.0\n");
    assertEquals(3, l.modules().size());
    assertFalse(ModuleListParser.looksLikeModuleList("GCCcore/11.3.0\n"));
    assertTrue(ModuleListParser.looksLikeModuleList("# x\nml foo\n"));
  }

  @ParameterizedTest
  @CsvSource({
    "python-scientific/3.10.4-foss-2022a, python-scientific, 3.10.4, foss-2022a",
    "OpenMPI/4.1.4-GCC-11.3.0, OpenMPI, 4.1.4, GCC-11.3.0",
    "SciPy-bundle/2022.05-foss-2022a, SciPy-bundle, 2022.05, foss-2022a",
    "Python/3.10.4-GCCcore-11.3.0, Python, 3.10.4, GCCcore-11.3.0",
    "mpi4py/3.1.4-gompi-2022b-timed-pingpong, mpi4py, 3.1.4, gompi-2022b",
    "gcc/12.2.0, gcc, 12.2.0, ",
    "tools/x/1.0, tools/x, 1.0, ",
  })
  void easyBuildNames(String full, String name, String version, String toolchain) {
    ModuleRef m = new ModuleRef(full, null);
    assertEquals(name, m.name());
    assertEquals(version, m.softwareVersion());
    assertEquals(toolchain, m.toolchain());
  }

  @Test
  void noVersion() {
    ModuleRef m = new ModuleRef("gcc", null);
    assertEquals("gcc", m.name());
    assertNull(m.version());
    assertNull(m.toolchain());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "module frobnicate x|1|8|expected 'load', 'unload', 'use', 'unuse' or 'purge'",
    "module load|1|8|expected at least one module name",
    "ml a//b|1|4|expected a module name",
    "module load ok/1 bad$name|1|18|expected a module name",
    "ml foo\\nmodule use|2|8|expected a directory",
    "module|1|1|expected a module subcommand",
  })
  void malformedLinesGiveFileLineColumn(String text, int line, int column, String expected) {
    SpecException e = assertThrows(SpecException.class, () -> ModuleListParser.parse(FILE, text.replace("\\n", "\n")));
    assertEquals(new SourceLocation(FILE, line, column), e.location());
    assertTrue(e.getMessage().startsWith("modules.txt:" + line + ":" + column + ": error: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void writesBackAnEquivalentList() throws SpecException {
    ModuleList l = ModuleListParser.parse(FILE, "module purge\nmodule use /apps\nml a/1 b\nmodule load c/3-foss-2022a\n");
    String written = ModuleListWriter.write(l);
    ModuleList again = ModuleListParser.parse(FILE, written);
    assertEquals(names(l), names(again));
    assertEquals(l.modulePaths(), again.modulePaths());
    assertEquals(l.purge(), again.purge());
    assertEquals(written, ModuleListWriter.write(again));
  }
}
