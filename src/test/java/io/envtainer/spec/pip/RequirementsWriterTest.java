package io.envtainer.spec.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class RequirementsWriterTest {
  @TempDir Path dir;

  static Stream<String> fixtures() {
    return PipFixtures.GOOD.stream();
  }

  /** parse(write(parse(x))) equals parse(x), locations aside; the written file sits next to x. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void roundTrip(String fixture) throws IOException, SpecException {
    Path root = PipFixtures.copyTo(dir);
    Path original = root.resolve(fixture);
    Requirements first = RequirementsParser.parse(original);
    String written = RequirementsWriter.write(first);
    Path copy = original.resolveSibling("written-" + original.getFileName());
    Files.writeString(copy, written);
    Requirements second = RequirementsParser.parse(copy);
    assertEquals(RequirementsEquivalence.withoutLocations(first), RequirementsEquivalence.withoutLocations(second),
        written);
    assertFalse(written.contains("\r"), "LF line endings only");
    assertTrue(written.endsWith("\n"));
    // Writing is stable: the second file writes to the same text.
    assertEquals(written, RequirementsWriter.write(second));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void flatRoundTrip(String fixture) throws IOException, SpecException {
    Path root = PipFixtures.copyTo(dir);
    Requirements first = RequirementsParser.parse(root.resolve(fixture));
    Path flat = root.resolve("flat.txt");
    Files.writeString(flat, RequirementsWriter.writeFlat(first));
    Requirements second = RequirementsParser.parse(flat);
    assertEquals(strip(first.requirements(), true), strip(second.requirements(), true));
    assertEquals(first.options().stream().map(RequirementsEquivalence::withoutLocation).distinct().toList(),
        second.options().stream().map(RequirementsEquivalence::withoutLocation).toList());
    assertTrue(second.lines().stream().noneMatch(l -> l instanceof Include || l instanceof Comment));
  }

  @Test
  void writesIncludesBackAsLinesNotExpanded() throws SpecException {
    Requirements r = RequirementsParser.parse(PipFixtures.source().resolve("multi/requirements.txt"));
    assertEquals("""
        # The application: shares a base with other projects.
        -r ../common/base.txt
        -c constraints/pins.txt
        -r extras/dev.txt
        # development tools
        app-specific>=1.0 ; python_version >= "3.10"
        """, RequirementsWriter.write(r));
  }

  @Test
  void flatFileForTheInstall() throws SpecException {
    Requirements r = RequirementsParser.parse(PipFixtures.source().resolve("multi/requirements.txt"));
    assertEquals("""
        --extra-index-url https://internal.example.org/simple
        numpy>=1.26
        black ; python_version >= "3.9"
        numpy>=1.26
        black ; python_version >= "3.9"
        pytest>=8 ; python_version >= "3.8"
        app-specific>=1.0 ; python_version >= "3.10"
        """, RequirementsWriter.writeFlat(r));
    assertEquals("numpy==1.26.4\nblack==24.2.0\n", RequirementsWriter.writeConstraints(r));
  }

  @Test
  void hashesGoOnContinuationLines() throws SpecException {
    Requirements r = RequirementsParser.parseLines(List.of("certifi==2024.2.2 --hash=sha256:" + "a".repeat(64)
        + " --hash=sha256:" + "b".repeat(64) + " -C k=v"), List.of(SourceLocation.synthetic("test")), dir);
    assertEquals("certifi==2024.2.2 \\\n    --config-settings k=v \\\n    --hash=sha256:" + "a".repeat(64)
        + " \\\n    --hash=sha256:" + "b".repeat(64) + "\n", RequirementsWriter.writeFlat(r));
  }

  @Test
  void requirementTextForEachKind() throws SpecException {
    assertEquals("numpy[a,b]>=1.26,<2 ; python_version >= \"3.10\"",
        text("numpy [a, b] (>= 1.26, < 2);python_version >= \"3.10\""));
    assertEquals("pkg @ https://h/pkg-1.0.tar.gz ; os_name == \"nt\"",
        text("pkg@https://h/pkg-1.0.tar.gz;os_name == \"nt\""));
    assertEquals("https://h/pkg-1.0.tar.gz#egg=pkg", text("pkg @ https://h/pkg-1.0.tar.gz#egg=pkg"));
    assertEquals("other @ https://h/pkg-1.0.tar.gz#egg=pkg", text("other @ https://h/pkg-1.0.tar.gz#egg=pkg"));
    assertEquals("./pkg[x] ; sys_platform == \"linux\"", text("./pkg[x];sys_platform == \"linux\""));
    assertEquals("git+https://h/r.git@v1#egg=r", text("git+https://h/r.git@v1#egg=r"));
    assertEquals("numpy>=1", text("numpy>=1 ,"), "a trailing comma, which packaging accepts, is dropped");
  }

  @Test
  void quotesValuesThatNeedIt() throws IOException, SpecException {
    Requirements r = RequirementsParser.parseLines(
        List.of("--find-links '/opt/my wheels'", "x==1 --global-option=\"it's\"", "-e \"./my project\""),
        List.of(SourceLocation.synthetic("a"), SourceLocation.synthetic("b"), SourceLocation.synthetic("c")), dir);
    String written = RequirementsWriter.write(r);
    assertEquals("--find-links '/opt/my wheels'\nx==1 \\\n    --global-option 'it'\"'\"'s'\n"
        + "-e './my project'\n", written);
    Path f = dir.resolve("q.txt");
    Files.writeString(f, written);
    assertEquals(RequirementsEquivalence.withoutLocations(r),
        RequirementsEquivalence.withoutLocations(RequirementsParser.parse(f)));
  }

  private static String text(String requirement) throws SpecException {
    return RequirementsWriter.requirementText(
        RequirementsParser.parseRequirement(requirement, SourceLocation.synthetic("test")));
  }

  private static List<RequirementsLine> strip(List<Requirement> rs, boolean dropComments) {
    return rs.stream().map(r -> dropComments ? new Requirement(r.name(), r.extras(), r.specifier(), r.url(),
        r.kind(), r.editable(), r.marker(), r.hashes(), r.options(), null, r.location()) : r)
        .map(RequirementsEquivalence::withoutLocation).toList();
  }
}
