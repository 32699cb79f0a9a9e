package io.envtainer.spec.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class RequirementsParserTest {
  private static Path fixtures;
  private static Requirements all;

  @BeforeAll
  static void parseFixture() throws SpecException {
    fixtures = PipFixtures.source();
    all = RequirementsParser.parse(fixtures.resolve("all-constructs.txt"));
  }

  /** The requirement written on {@code line} of all-constructs.txt. */
  private static Requirement at(int line) {
    for (RequirementsLine l : all.lines()) {
      if (l instanceof Requirement r && r.location().line() == line) return r;
    }
    throw new AssertionError("no requirement on line " + line);
  }

  private static List<PipOption> optionsOn(int line) {
    return all.lines().stream().filter(l -> l instanceof PipOption && l.location().line() == line)
        .map(l -> (PipOption) l).collect(Collectors.toList());
  }

  private static Requirements parseText(Path dir, String text) throws IOException, SpecException {
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return RequirementsParser.parse(f);
  }

  @Test
  void commentsAndBlankLines() {
    List<Comment> comments = all.lines().stream().filter(l -> l instanceof Comment).map(l -> (Comment) l)
        .collect(Collectors.toList());
    assertEquals(" Every construct pip accepts in a requirements file.", comments.get(0).text());
    assertEquals(new SourceLocation(fixtures.resolve("all-constructs.txt"), 1, 1), comments.get(0).location());
    assertEquals(" an indented comment", comments.get(1).text());
    assertEquals(4, comments.get(1).location().column());
    // Line 3 is blank and leaves nothing behind.
    assertTrue(all.lines().stream().noneMatch(l -> l.location().line() == 3));
  }

  @Test
  void globalOptionsInEverySpelling() {
    assertEquals(List.of(new PipOption("--index-url", "https://pypi.org/simple", loc(4, 1))), optionsOn(4));
    assertEquals("--index-url", optionsOn(5).get(0).name());
    assertEquals("https://mirror.example.org/simple", optionsOn(5).get(0).value());
    assertEquals("https://download.pytorch.org/whl/cu121", optionsOn(6).get(0).value());
    assertEquals(new PipOption("--no-index", null, loc(7, 1)), optionsOn(7).get(0));
    assertEquals(new PipOption("--find-links", "./wheels", loc(8, 1)), optionsOn(8).get(0));
    assertEquals("https://example.org/links/", optionsOn(9).get(0).value());
    assertEquals(new PipOption("--no-binary", ":all:", loc(10, 1)), optionsOn(10).get(0));
    assertEquals("lxml,pillow", optionsOn(11).get(0).value());
    assertEquals(new PipOption("--only-binary", ":none:", loc(12, 1)), optionsOn(12).get(0));
    assertEquals("--prefer-binary", optionsOn(13).get(0).name());
    assertEquals("--require-hashes", optionsOn(14).get(0).name());
    assertEquals("--pre", optionsOn(15).get(0).name());
    assertEquals(new PipOption("--trusted-host", "mirror.example.org:8080", loc(16, 1)), optionsOn(16).get(0));
    assertEquals(new PipOption("--use-feature", "truststore", loc(17, 1)), optionsOn(17).get(0));
    // An abbreviation (optparse accepts unique prefixes), a quoted value, ${VAR} kept verbatim.
    assertEquals(new PipOption("--extra-index-url", "https://user:${PIP_TOKEN}@private.example.org/simple",
        loc(18, 1)), optionsOn(18).get(0));
    // A short option with its value attached.
    assertEquals(new PipOption("--index-url", "https://attached.example.org/simple", loc(19, 1)),
        optionsOn(19).get(0));
    // Several options on one line.
    assertEquals(List.of(new PipOption("--pre", null, loc(20, 1)), new PipOption("--prefer-binary", null,
        loc(20, 7))), optionsOn(20));
  }

  @Test
  void namesAndExtras() {
    assertEquals(named("requests", List.of(), ""), strip(at(23)));
    assertEquals("Django_Rest.framework-x", at(24).name());
    assertEquals("django-rest-framework-x", at(24).normalizedName());
    assertEquals(List.of("security", "socks"), at(25).extras());
    assertEquals(List.of("security", "socks"), at(26).extras());
    assertEquals(">=2.8.1,==2.8.*", at(26).specifier());
    assertEquals(List.of(), at(27).extras());
  }

  @Test
  void everyVersionOperator() {
    String[] expected = {"==1.0", "!=1.1", "<=2", ">=1.0.post1", "<3.0a1", ">0.9.dev2", "~=1.4.2",
        "===weird-version-1", "==1.2.*", "!=2.*", "==2.1.0+cu121", ">=1!2.0rc1", "==V1.0", ">=1.0,<2.0",
        ">=1.0,<2.0,!=1.5.3", "==1.0"};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], at(29 + i).specifier(), "line " + (29 + i));
      assertEquals(RequirementKind.NAMED, at(29 + i).kind());
    }
  }

  @Test
  void markersAreKeptAsWritten() {
    assertEquals("python_version < \"3.11\"", at(46).marker());
    assertEquals("sys_platform == 'linux' and platform_machine == \"x86_64\"", at(47).marker());
    assertEquals(">=1.0", at(47).specifier());
    assertEquals("(os_name == \"nt\" or sys_platform == \"darwin\") and implementation_name == \"cpython\"",
        at(48).marker());
    assertEquals("python_full_version >= \"3.9.1\" and platform_python_implementation != \"PyPy\"",
        at(49).marker());
    assertEquals("extra == \"test\"", at(50).marker());
    assertEquals("\"linux\" in sys_platform and platform_release not in \"4.4\"", at(51).marker());
    assertEquals("os.name == \"posix\"", at(52).marker());
    assertEquals("python_version>\"3.8\"and(platform_system==\"Linux\")", at(53).marker());
    assertNull(at(54).marker(), "an empty marker after ';' is no marker, as in pip");
  }

  @Test
  void directReferencesAndUrls() {
    Requirement urllib3 = at(56);
    assertEquals("urllib3", urllib3.name());
    assertEquals(RequirementKind.URL, urllib3.kind());
    assertEquals("https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip", urllib3.url());
    Requirement pkg = at(57);
    assertEquals(List.of("extra"), pkg.extras());
    assertEquals("python_version >= \"3.8\"", pkg.marker());
    assertEquals("https://example.org/pkg-1.0-py3-none-any.whl", pkg.url());
    assertEquals(RequirementKind.VCS, at(58).kind());
    assertEquals("git+https://github.com/org/vcspkg.git@v1.2.3", at(58).url());
    assertEquals(RequirementKind.PATH, at(59).kind());
    assertEquals("fileref", at(59).name());
    Requirement bare = at(60);
    assertNull(bare.name());
    assertEquals(RequirementKind.URL, bare.kind());
    assertEquals("archive", at(61).name(), "the name comes from #egg=");
    assertEquals("sys_platform == \"linux\"", at(61).marker());
    assertEquals("https://example.org/dist/sub.zip#egg=sub&subdirectory=python", at(62).url());
    assertEquals("sub", at(62).name());
    assertEquals(RequirementKind.URL, at(63).kind());
    assertTrue(at(70).url().contains("#sha256="), "a '#' without a blank before it is no comment");
  }

  @Test
  void vcsUrls() {
    String[][] expected = {
        {"repo", "git+https://github.com/org/repo.git@v1.0#egg=repo"},
        {"private", "git+ssh://git@github.com/org/private.git@abc123#egg=private"},
        {"hgrepo", "hg+https://hg.example.org/hgrepo@tip#egg=hgrepo"},
        {"svnrepo", "svn+https://svn.example.org/svnrepo/trunk#egg=svnrepo"},
        {"bzrrepo", "bzr+https://bzr.example.org/bzrrepo/trunk#egg=bzrrepo"},
        {"part", "git+https://github.com/org/mono.git#egg=part&subdirectory=packages/part"}};
    for (int i = 0; i < expected.length; i++) {
      Requirement r = at(64 + i);
      assertEquals(RequirementKind.VCS, r.kind());
      assertEquals(expected[i][0], r.name());
      assertEquals(expected[i][1], r.url());
      assertFalse(r.editable());
    }
  }

  @Test
  void localPaths() {
    assertEquals(path("./local/pkg", List.of()), strip(at(72)));
    assertEquals(path("./local/pkg", List.of("dev", "test")), strip(at(73)));
    assertEquals(path("../wheels/wheelpkg-1.0-py3-none-any.whl", List.of()), strip(at(74)));
    assertEquals(path(".", List.of()), strip(at(75)));
    assertEquals(RequirementKind.PATH, at(76).kind());
    assertEquals("file:///opt/src/filepkg", at(76).url());
    assertEquals(path("relpkg-1.0.tar.gz", List.of()), strip(at(77)));
    assertEquals("./local/marked", at(78).url());
    assertEquals("sys_platform == \"linux\"", at(78).marker());
  }

  @Test
  void editables() {
    Requirement e = at(80);
    assertTrue(e.editable());
    assertEquals(RequirementKind.PATH, e.kind());
    assertEquals("./editable", e.url());
    assertEquals(List.of("dev"), at(81).extras());
    assertEquals(".", at(81).url());
    assertEquals("./other", at(82).url());
    assertTrue(at(82).editable());
    assertEquals(RequirementKind.VCS, at(83).kind());
    assertEquals("e", at(83).name());
    assertEquals("efile", at(84).name());
    assertEquals(RequirementKind.PATH, at(84).kind());
    assertEquals("file:///opt/src/efile#egg=efile", at(84).url());
    assertEquals(List.of(new PipOption("--config-settings", "editable_mode=compat", loc(85, 10))),
        at(85).options());
  }

  @Test
  void perRequirementOptions() {
    assertEquals(2, at(87).hashes().size());
    assertTrue(at(87).hashes().get(1).startsWith("sha256:"), "--hash VALUE spelling");
    assertEquals(List.of(new PipOption("--config-settings", "--build-option=--cpu", loc(88, 13)),
        new PipOption("--config-settings", "key=value", loc(88, 54))), at(88).options());
    assertEquals(List.of(new PipOption("--global-option", "--no-user-cfg", loc(89, 16))), at(89).options());
    Requirement continued = at(90);
    assertEquals("==2.0", continued.specifier());
    assertEquals(3, continued.hashes().size());
    assertTrue(continued.hashes().get(1).startsWith("sha384:"));
    assertTrue(continued.hashes().get(2).startsWith("sha512:"));
  }

  @Test
  void trailingCommentsEnvironmentVariablesAndContinuations() {
    assertEquals(" keeps this", at(95).comment());
    assertEquals(" after a continuation", at(96).comment());
    assertEquals(1, at(96).hashes().size());
    assertEquals("https://${HOST}/envpkg-1.0.tar.gz", at(98).url());
    assertEquals("==${ENVPKG_VERSION}", at(99).specifier());
    assertEquals("split", at(100).name());
    assertEquals(">=1.0", at(100).specifier());
    assertEquals("==1.0", at(103).specifier(), "a stray '\\' at the end of the file is accepted");
  }

  @Test
  void legacyInstallOptionIsRead() throws SpecException {
    Requirements r = RequirementsParser.parse(fixtures.resolve("legacy-options.txt"));
    Requirement legacy = r.requirements().get(0);
    assertEquals(List.of("--install-option", "--global-option"),
        legacy.options().stream().map(PipOption::name).collect(Collectors.toList()));
    assertEquals("--prefix=/opt", legacy.options().get(0).value());
  }

  @Test
  void pipCompileOutputWithHashes() throws SpecException {
    Requirements r = RequirementsParser.parse(fixtures.resolve("pip-compile-hashes.txt"));
    List<Requirement> reqs = r.requirements();
    assertEquals(List.of("certifi", "charset-normalizer", "idna", "numpy", "requests", "urllib3"),
        reqs.stream().map(Requirement::name).collect(Collectors.toList()));
    assertEquals(List.of(2, 4, 2, 3, 2, 2), reqs.stream().map(q -> q.hashes().size()).collect(Collectors.toList()));
    assertTrue(reqs.stream().allMatch(q -> q.specifier().startsWith("==")));
    assertTrue(r.hasHashes());
    assertTrue(r.lines().contains(new Comment(" via -r requirements.in",
        new SourceLocation(fixtures.resolve("pip-compile-hashes.txt"), 25, 5))));
  }

  @Test
  void pipFreezeOutput() throws SpecException {
    List<Requirement> reqs = RequirementsParser.parse(fixtures.resolve("pip-freeze.txt")).requirements();
    assertEquals(8, reqs.size());
    assertTrue(reqs.get(1).editable());
    assertEquals("mytool", reqs.get(1).name());
    assertEquals(RequirementKind.PATH, reqs.get(5).kind());
    assertEquals("scipy", reqs.get(5).name());
    assertEquals("six", reqs.get(6).name());
  }

  @Test
  void cudaStyleFile() throws SpecException {
    Requirements r = RequirementsParser.parse(fixtures.resolve("cuda.txt"));
    assertEquals(List.of("--extra-index-url", "--find-links", "--find-links"),
        r.options().stream().map(PipOption::name).collect(Collectors.toList()));
    assertEquals("https://data.pyg.org/whl/torch-2.1.0+cu121.html", r.options().get(1).value());
    assertEquals("==2.1.0+cu121", r.requirements().get(0).specifier());
    assertEquals("==2.1.2+pt21cu121", r.requirements().get(3).specifier());
    assertEquals(List.of("cuda12_pip"), r.requirements().get(5).extras());
  }

  @Test
  void includesAcrossDirectories() throws SpecException {
    Path top = fixtures.resolve("multi/requirements.txt");
    Requirements r = RequirementsParser.parse(top);
    Include base = (Include) r.lines().get(1);
    assertEquals(Include.Kind.REQUIREMENTS, base.kind());
    assertEquals("../common/base.txt", base.target());
    assertEquals(fixtures.resolve("common/base.txt"), base.included().file());
    assertEquals(new SourceLocation(top, 2, 1), base.location());
    Include pins = (Include) r.lines().get(2);
    assertEquals(Include.Kind.CONSTRAINTS, pins.kind());
    Include dev = (Include) r.lines().get(3);
    assertEquals("extras/dev.txt", dev.target(), "--requirement=FILE spelling");
    assertEquals(new Comment(" development tools", new SourceLocation(top, 4, 31)), r.lines().get(4));
    // The base file is included twice (directly and through dev.txt): a diamond, not a cycle.
    assertEquals(List.of("numpy", "black", "numpy", "black", "pytest", "app-specific"),
        r.requirements().stream().map(Requirement::name).collect(Collectors.toList()));
    assertEquals("python_version >= \"3.9\"", r.requirements().get(1).marker());
    assertEquals(List.of("numpy", "black"),
        r.constraints().stream().map(Requirement::name).collect(Collectors.toList()));
    assertEquals("==24.2.0", r.constraints().get(1).specifier());
    assertEquals(2, r.options().size(), "the base file's --extra-index-url, once per inclusion");
    assertEquals(fixtures.resolve("common/nested/tools.txt"),
        r.requirements().get(1).location().file(), "included requirements keep their own file");
  }

  @Test
  void crlfAndByteOrderMark(@TempDir Path dir) throws IOException, SpecException {
    Path f = dir.resolve("win.txt");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "numpy>=1.26\r\nscipy \\\r\n  >=1.11\r\n# c\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    Files.write(f, all);
    Requirements r = RequirementsParser.parse(f);
    assertEquals("numpy", r.requirements().get(0).name(), "the BOM is not part of the name");
    assertEquals(new SourceLocation(f, 1, 1), r.requirements().get(0).location());
    assertEquals(">=1.11", r.requirements().get(1).specifier());
    assertEquals(new Comment(" c", new SourceLocation(f, 4, 1)), r.lines().get(2));
  }

  @Test
  void utf16FromPowerShell(@TempDir Path dir) throws IOException, SpecException {
    Path f = dir.resolve("ps.txt");
    byte[] text = "numpy==1.26.4\r\nrequests==2.31.0\r\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] all = new byte[text.length + 2];
    all[0] = (byte) 0xFF;
    all[1] = (byte) 0xFE;
    System.arraycopy(text, 0, all, 2, text.length);
    Files.write(f, all);
    assertEquals(List.of("numpy", "requests"), RequirementsParser.parse(f).requirements().stream()
        .map(Requirement::name).collect(Collectors.toList()));
  }

  @Test
  void continuationEdgeCasesFollowPip(@TempDir Path dir) throws IOException, SpecException {
    // A comment line ends a continuation; a continued line's comment swallows the next line (pip joins first).
    Requirements r = parseText(dir, "a==1 \\\n# ends it\nb==2 # note \\\nc==3\nd==4\n\\\n");
    assertEquals(List.of("a", "b", "d"),
        r.requirements().stream().map(Requirement::name).collect(Collectors.toList()));
    assertEquals(" ends it", r.requirements().get(0).comment());
    assertEquals(" note c==3", r.requirements().get(1).comment());
    assertEquals(5, r.requirements().get(2).location().line());
  }

  @Test
  void hashOnContinuationLineIsLocatedThere(@TempDir Path dir) throws IOException, SpecException {
    Requirements r = parseText(dir, "x==1 \\\n  -C a=b \\\n  --hash=sha256:" + "0".repeat(64) + "\n");
    Requirement x = r.requirements().get(0);
    assertEquals(new SourceLocation(dir.resolve("requirements.txt"), 2, 3), x.options().get(0).location());
    assertEquals(List.of("sha256:" + "0".repeat(64)), x.hashes());
  }

  @Test
  void editableWithConfigSettingsBeforeIt(@TempDir Path dir) throws IOException, SpecException {
    Requirement r = parseText(dir, "-C editable_mode=strict -e ./pkg\n").requirements().get(0);
    assertTrue(r.editable());
    assertEquals("./pkg", r.url());
    assertEquals(List.of(new PipOption("--config-settings", "editable_mode=strict",
        new SourceLocation(dir.resolve("requirements.txt"), 1, 1))), r.options());
  }

  @Test
  void parseLinesForCondaPipList(@TempDir Path dir) throws IOException, SpecException {
    Path yml = dir.resolve("environment.yml");
    Files.writeString(dir.resolve("base.txt"), "scipy\n");
    Requirements r = RequirementsParser.parseLines(
        List.of("numpy>=1.26", "--extra-index-url https://download.pytorch.org/whl/cu121", "-r base.txt",
            "torch==2.1.0+cu121 --hash=sha256:" + "a".repeat(64)),
        List.of(new SourceLocation(yml, 7, 9), new SourceLocation(yml, 8, 9), new SourceLocation(yml, 9, 9),
            new SourceLocation(yml, 10, 9)),
        dir);
    assertNull(r.file());
    assertEquals(new SourceLocation(yml, 7, 9), r.requirements().get(0).location());
    assertEquals(List.of("numpy", "scipy", "torch"),
        r.requirements().stream().map(Requirement::name).collect(Collectors.toList()));
    assertEquals(new SourceLocation(dir.resolve("base.txt"), 1, 1), r.requirements().get(1).location());
    assertEquals("https://download.pytorch.org/whl/cu121", r.options().get(0).value());
  }

  @Test
  void parseRequirementAlone() throws SpecException {
    SourceLocation where = new SourceLocation(Path.of("envtainer.yml"), 3, 7);
    Requirement r = RequirementsParser.parseRequirement("  numpy[x]>=1.26; python_version >= '3.10'", where);
    assertEquals("numpy", r.name());
    assertEquals(List.of("x"), r.extras());
    assertEquals(">=1.26", r.specifier());
    assertEquals("python_version >= '3.10'", r.marker());
    assertEquals(new SourceLocation(Path.of("envtainer.yml"), 3, 9), r.location());
    Requirement url = RequirementsParser.parseRequirement("pkg @ git+https://h/r.git@v1", where);
    assertEquals("git+https://h/r.git@v1", url.url());
    assertEquals(RequirementKind.VCS, url.kind());
  }

  private static SourceLocation loc(int line, int column) {
    return new SourceLocation(fixtures.resolve("all-constructs.txt"), line, column);
  }

  private static Requirement strip(Requirement r) {
    return (Requirement) RequirementsEquivalence.withoutLocation(r);
  }

  private static Requirement named(String name, List<String> extras, String specifier) {
    return new Requirement(name, extras, specifier, null, RequirementKind.NAMED, false, null, null, null, null,
        null);
  }

  private static Requirement path(String path, List<String> extras) {
    return new Requirement(null, extras, "", path, RequirementKind.PATH, false, null, null, null, null, null);
  }
}
