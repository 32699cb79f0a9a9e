package io.envtainer.spec.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real pip reads what {@link RequirementsWriter} writes exactly as it reads the original file (pip's own
 * requirements-file parser, run by {@code pip_view.py}), and reads the same names, specifiers and hashes as
 * {@link RequirementsParser}. Needs {@code python3} with pip; no network.
 */
@Tag("integration")
class PipAcceptsWriterOutputTest {
  @TempDir Path dir;
  private static Path script;

  @BeforeAll
  static void needsPip() throws Exception {
    script = Path.of(PipAcceptsWriterOutputTest.class.getResource("/pip-check/pip_view.py").toURI());
    boolean available;
    try {
      available = run(Path.of("."), "python3", "-c", "import pip._internal.req.req_file").exitCode == 0;
    } catch (IOException e) {
      available = false;
    }
    if (!available) {
      String msg = "python3 with pip is not available";
      if ("1".equals(System.getenv("ENVTAINER_REQUIRE_TOOLS"))) fail(msg + " (ENVTAINER_REQUIRE_TOOLS=1)");
      Assumptions.abort(msg);
    }
  }

  /** Every good fixture but legacy-options.txt: pip removed --install-option in 23.1. */
  static Stream<String> fixtures() {
    return PipFixtures.GOOD.stream().filter(f -> !f.equals("legacy-options.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void pipReadsTheWrittenFileAsTheOriginal(String fixture) throws Exception {
    Path root = PipFixtures.copyTo(dir);
    // pip checks local project directories exist, relative to the working directory.
    for (String project : List.of("local/pkg", "local/marked", "editable", "other", "cfg", ".")) {
      Files.createDirectories(root.resolve(project));
      Files.writeString(root.resolve(project).resolve("pyproject.toml"), "[project]\nname = \"x\"\nversion = \"1\"\n");
    }
    Path original = root.resolve(fixture);
    Requirements parsed = RequirementsParser.parse(original);
    Path written = original.resolveSibling("written-" + original.getFileName());
    Files.writeString(written, RequirementsWriter.write(parsed));

    Result before = run(root, "python3", script.toString(), original.toString());
    Result after = run(root, "python3", script.toString(), written.toString());
    assertEquals(0, before.exitCode, before.output);
    assertEquals(0, after.exitCode, after.output);
    assertEquals(before.stdout, after.stdout);

    Result summary = run(root, "python3", script.toString(), "--summary", written.toString());
    List<String> pipView = summary.stdout.lines().toList();
    List<String[]> ours = new ArrayList<>();
    flatten(parsed, false, ours);
    assertEquals(ours.size(), pipView.size(), summary.stdout);
    for (int i = 0; i < ours.size(); i++) {
      String[] mine = ours.get(i);
      String[] pips = (pipView.get(i) + "|").split("\\|", -1);
      String where = "requirement " + i + ": " + pipView.get(i);
      assertEquals(mine[0], pips[0], where);
      assertEquals(mine[1], pips[1], where);
      if (mine[2].isEmpty() && mine[5].endsWith(".whl")) {
        // pip reads name and version of an unnamed wheel from its file name.
        assertTrue(Urls.fileName(mine[5]).startsWith(pips[2] + "-" + pips[3].substring(2) + "-"), where);
      } else {
        assertEquals(mine[2], pips[2], where);
        assertEquals(mine[3], pips[3], where);
      }
      assertEquals(mine[4], pips[4], where);
    }
  }

  /** Our requirements in pip's order: constraint, editable, name, sorted specifiers, hashes, url. */
  private static void flatten(Requirements r, boolean constraint, List<String[]> out) {
    for (RequirementsLine l : r.lines()) {
      if (l instanceof Include i) {
        flatten(i.included(), i.kind() == Include.Kind.CONSTRAINTS, out);
      } else if (l instanceof Requirement q) {
        List<String> specs = new ArrayList<>(q.specifier().isEmpty() ? List.of() : List.of(q.specifier().split(",")));
        specs.sort(Comparator.naturalOrder());
        List<String> hashes = new ArrayList<>(q.hashes());
        hashes.sort(Comparator.comparing(h -> h.substring(0, h.indexOf(':'))));
        out.add(new String[] {String.valueOf(constraint), String.valueOf(q.editable()),
            q.name() == null ? "" : q.name(), expand(String.join(",", specs)), String.join(",", hashes),
            q.url() == null ? "" : expand(q.url())});
      }
    }
  }

  /** pip expands ${VAR} from the environment; the variables this test gives pip. */
  private static String expand(String s) {
    return s.replace("${HOST}", "example.org").replace("${ENVPKG_VERSION}", "1.0").replace("${PIP_TOKEN}", "token");
  }

  private record Result(int exitCode, String stdout, String output) {}

  private static Result run(Path cwd, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("HOST", "example.org");
    pb.environment().put("ENVPKG_VERSION", "1.0");
    pb.environment().put("PIP_TOKEN", "token");
    pb.environment().put("PIP_NO_INPUT", "1");
    Path err = Files.createTempFile("pip-view", ".err");
    try {
      pb.redirectError(err.toFile());
      Process p = pb.start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), stdout, stdout + Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }

}
