package io.envtainer.spec.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed input gives one SpecException at the exact file:line:column, saying what was expected. */
@Tag("unit")
class RequirementsErrorsTest {
  @TempDir Path dir;

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        // text, line, column, a fragment of the message
        Arguments.of("--foo bar", 1, 1, "unknown option '--foo'"),
        Arguments.of("-x foo", 1, 1, "unknown option '-x'"),
        Arguments.of("--in https://x", 1, 1, "could be --index-url, --install-option"),
        Arguments.of("numpy\n--index-url", 2, 12, "a value (URL) after --index-url, found end of line"),
        Arguments.of("--extra-index-url --pre", 1, 19, "found option '--pre'"),
        Arguments.of("-e", 1, 3, "after -e, found end of line"),
        Arguments.of("--pre=yes", 1, 6, "nothing after the flag --pre"),
        Arguments.of("--pre foo", 1, 7, "an option starting with '-', found 'foo'"),
        Arguments.of("--index-url \"https://x", 1, 13, "a closing \" for this quote"),
        Arguments.of("--no-binary :all:,", 1, 19, "found ''"),
        Arguments.of("numpy>=", 1, 8, "a version after '>=', found end of requirement"),
        Arguments.of("numpy=>1", 1, 6, "found '=>'"),
        Arguments.of("numpy=1.0", 1, 6, "found '='"),
        Arguments.of("numpy[extra", 1, 6, "']' to close this '['"),
        Arguments.of("numpy (>=1.0", 1, 7, "')' to close this '('"),
        Arguments.of("pkg[a b]", 1, 7, "',' or ']'"),
        Arguments.of("_private==1", 1, 1, "a project name"),
        Arguments.of("foo-==1", 1, 1, "ending in a letter or digit, found 'foo-'"),
        Arguments.of("foo bar", 1, 5, "a version specifier"),
        Arguments.of("foo>=1 <2", 1, 8, "',' and another version specifier"),
        Arguments.of("numpy==1.0 extra-word", 1, 12, "found 'extra-word'"),
        Arguments.of("foo>=1.0.*", 1, 9, "no '.*' after '>='"),
        Arguments.of("foo>=1.0+local", 1, 9, "no local version label after '>='"),
        Arguments.of("foo~=1", 1, 6, "at least two release numbers"),
        Arguments.of("foo==1.0abc", 1, 6, "a PEP 440 version"),
        Arguments.of("foo==1.0,,", 1, 10, "a version operator"),
        Arguments.of("numpy; python_version = \"3\"", 1, 23, "a marker operator"),
        Arguments.of("numpy; python_ver < \"3\"", 1, 8, "a marker variable"),
        Arguments.of("foo; python_version < \"3", 1, 23, "a closing \" for this string"),
        Arguments.of("foo; (python_version < \"3\"", 1, 6, "')' to close this '('"),
        Arguments.of("foo==1.0 ; python_version >= \"3.8\" and", 1, 39, "a marker variable"),
        Arguments.of("foo; python_version < \"3\" os_name == \"nt\"", 1, 27, "'and', 'or' or the end"),
        Arguments.of("foo; python_version not \"3\"", 1, 25, "'in' after 'not'"),
        Arguments.of("numpy==1.0 --hash=md5:abc", 1, 19, "a hash algorithm sha256, sha384 or sha512"),
        Arguments.of("numpy==1.0 --hash=sha256", 1, 19, "ALGORITHM:HEXDIGEST"),
        Arguments.of("numpy==1.0 --hash=sha256:xyz", 1, 26, "hexadecimal digit, found 'x'"),
        Arguments.of("numpy==1.0 --hash=\"sha256:xyz\"", 1, 27, "hexadecimal digit, found 'x'"),
        Arguments.of("numpy==1.0 --hash 'sha256:'\"xyz\"", 1, 29, "hexadecimal digit, found 'x'"),
        Arguments.of("-e \"git+https://h/r.git\"", 1, 24, "'#egg=NAME'"),
        Arguments.of("numpy==1.0 --hash=sha256:abcd", 1, 26, "64 hexadecimal digits for sha256, found 4"),
        Arguments.of("numpy==1.0 \\\n    --hash=sha256:zz", 2, 19, "hexadecimal digit, found 'z'"),
        Arguments.of("--hash=sha256:" + "0".repeat(64), 1, 1, "only global options"),
        Arguments.of("numpy --pre", 1, 7, "only per-requirement options"),
        Arguments.of("numpy --config-settings foo", 1, 25, "KEY=VALUE"),
        Arguments.of("-r a.txt -r b.txt", 1, 10, "-r FILE alone on its line, found --requirement"),
        Arguments.of("--pre -c a.txt", 1, 1, "-c FILE alone on its line, found --pre"),
        Arguments.of("-e ./a -e ./b", 1, 8, "only --config-settings with an editable"),
        Arguments.of("-e ./a --hash=sha256:" + "0".repeat(64), 1, 8, "only --config-settings"),
        Arguments.of("--global-option=x -e ./a", 1, 1, "only --config-settings with an editable"),
        Arguments.of("-e https://example.org/x.tar.gz", 1, 4, "a local project path or a VCS URL"),
        Arguments.of("-e git+https://github.com/org/e.git", 1, 36, "'#egg=NAME'"),
        Arguments.of("-e git+https://github.com/org/e.git#egg=e[x]", 1, 42, "the end of the project name"),
        Arguments.of("s3://bucket/pkg-1.0.tar.gz", 1, 1, "a URL scheme pip supports"),
        Arguments.of("git://github.com/org/repo.git#egg=repo", 1, 1, "a URL scheme pip supports"),
        Arguments.of("foo @ ./x", 1, 7, "a URL after '@'"),
        Arguments.of("foo @", 1, 6, "a URL after '@', found end of requirement"),
        Arguments.of("pkg @ https://example.org/bad name.whl", 1, 31, "the end of the requirement after the URL"),
        Arguments.of("git+https://github.com/org/repo.git#egg=bad name", 1, 45, "the end of the URL"),
        Arguments.of("https://example.org/x\"y.tar.gz", 1, 22, "a URL character"),
        Arguments.of("https://example.org/x.whl", 1, 21, "a wheel file name"),
        Arguments.of("numpy\t--pre", 1, 7, "found '--pre'"),
        Arguments.of("numpy==1.26.4--hash=sha256:0", 1, 8, "a PEP 440 version"),
        Arguments.of("; python_version < \"3\"", 1, 1, "a requirement before ';'"),
        Arguments.of("# fine\n\n  ok==1\n  bad==", 4, 8, "a version after '=='"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformedLines")
  void malformedLine(String text, int line, int column, String fragment) throws IOException {
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, text + "\n", StandardCharsets.UTF_8);
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, line, column, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformedLines")
  void malformedEntryOfAnInlineList(String text, int line, int column, String fragment) {
    Path yml = Path.of("environment.yml");
    // An entry of a YAML list is one line, its first character at line 12, column 9.
    String entry = text;
    if (text.contains("\n") && !text.contains("\\\n")) entry = text.split("\n")[line - 1];
    String e0 = entry;
    int expectedLine = 12 + (text.contains("\\\n") ? line - 1 : 0);
    int expectedColumn = expectedLine == 12 ? column + 8 : column;
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parseLines(List.of(e0),
        List.of(new SourceLocation(yml, 12, 9)), Path.of(".")));
    assertEquals(new SourceLocation(yml, expectedLine, expectedColumn), e.location(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void missingInclude() {
    Path f = PipFixtures.source().resolve("bad/missing-include.txt");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, 2, 4, "an existing file after -r, found 'does-not-exist.txt'");
  }

  @Test
  void includeCycle() {
    Path a = PipFixtures.source().resolve("bad/cycle-a.txt");
    Path b = PipFixtures.source().resolve("bad/cycle-b.txt");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(a));
    assertError(e, b, 2, 1, "include cycle " + a + " -> " + b + " -> " + a);
  }

  @Test
  void fileIncludingItself() {
    Path f = PipFixtures.source().resolve("bad/self.txt");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, 2, 1, "include cycle " + f + " -> " + f);
  }

  @Test
  void errorInAnIncludedFileNamesThatFile() {
    Path f = PipFixtures.source().resolve("bad/includes-bad.txt");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, PipFixtures.source().resolve("bad/nested-bad.txt"), 3, 6, "found '=>'");
    assertTrue(e.getMessage().contains("(hint: did you mean '>='?)"), e.getMessage());
  }

  @Test
  void includeOfADirectory() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, "-c sub\n");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, 1, 4, "a file after -c, found the directory 'sub'");
  }

  @Test
  void remoteIncludeIsRefused() throws IOException {
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, "numpy\n--requirement https://example.org/r.txt\n");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, 2, 15, "a local requirements file, found the URL");
  }

  @Test
  void missingTopLevelFile() {
    Path f = dir.resolve("nope.txt");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertTrue(e.getMessage().startsWith(f + ": error: expected a requirements file"), e.getMessage());
  }

  @Test
  void notUtf8() throws IOException {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, new byte[] {'a', '\n', 'b', (byte) 0xE9, '\n'});
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, 2, 2, "expected UTF-8 text, found an invalid byte 0xE9");
  }

  @Test
  void environmentVariableWhereANameMustBe() throws IOException {
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, "${PKG}\n");
    SpecException e = assertThrows(SpecException.class, () -> RequirementsParser.parse(f));
    assertError(e, f, 1, 1, "a project name");
    assertTrue(e.getMessage().contains("pip expands ${VARIABLES} at install time"), e.getMessage());
  }

  @Test
  void parseRequirementRejectsOptionsAndBadText() {
    SourceLocation at = new SourceLocation(Path.of("envtainer.yml"), 4, 5);
    SpecException e = assertThrows(SpecException.class,
        () -> RequirementsParser.parseRequirement("-e ./x", at));
    assertEquals(new SourceLocation(Path.of("envtainer.yml"), 4, 5), e.location());
    e = assertThrows(SpecException.class, () -> RequirementsParser.parseRequirement("numpy=>1", at));
    assertEquals(new SourceLocation(Path.of("envtainer.yml"), 4, 10), e.location());
    e = assertThrows(SpecException.class, () -> RequirementsParser.parseRequirement("  ", at));
    assertTrue(e.getMessage().contains("expected a requirement"), e.getMessage());
  }

  private static void assertError(SpecException e, Path file, int line, int column, String fragment) {
    String msg = e.getMessage();
    assertTrue(msg.startsWith(file + ":" + line + ":" + column + ": error: "), msg);
    assertTrue(msg.contains("expected"), msg);
    assertTrue(msg.contains(fragment), msg);
    assertEquals(new SourceLocation(file, line, column), e.location());
    assertTrue(!msg.contains("\n"), "one line: " + msg);
  }
}
