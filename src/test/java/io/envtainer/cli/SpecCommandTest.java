package io.envtainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SpecException;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.CondaEnvironmentParser;
import io.envtainer.spec.conda.MatchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

@Tag("unit")
class SpecCommandTest {
  static final Path EXPORT = Path.of("src/test/resources/conda/export.yml");

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void showPrintsEveryDependencyOfACondaExportIntact() throws SpecException {
    CliRun r = CliRun.of("spec", "show", EXPORT.toString());
    assertEquals(0, r.exit(), r.err());
    CondaEnvironment env = CondaEnvironmentParser.parse(EXPORT, new ArrayList<>());
    Map<String, Object> shown = new Yaml().load(r.out());
    Map<String, Object> conda = (Map<String, Object>) shown.get("conda");
    List<Object> deps = (List<Object>) conda.get("dependencies");
    List<String> raws = env.matchSpecs().stream().map(MatchSpec::raw).toList();
    assertEquals(raws, deps.subList(0, raws.size()));
    assertTrue(raws.contains("libblas=3.9.0=22_linux64_openblas"));
    Map<String, Object> pip = (Map<String, Object>) deps.get(raws.size());
    assertEquals(List.of("charset-normalizer==3.3.2", "idna==3.7", "requests==2.32.3", "tqdm==4.66.4", "urllib3==2.2.1"),
        pip.get("pip"));
    assertEquals("C:\\Users\\me\\miniconda3\\envs\\analysis", conda.get("prefix"));

    CliRun json = CliRun.of("spec", "show", "--format", "json", EXPORT.toString());
    assertEquals(0, json.exit());
    assertEquals(shown, new Yaml().load(json.out()));
  }

  @Test
  void checkSummarises() {
    CliRun r = CliRun.of("spec", "check", "definitions/specs/module-venv.yaml");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("ok (envtainer; name module-venv; python module; 0 conda, 4 pip, 1 modules"), r.out());
  }

  @Test
  void badInputIsOneLineWithLocationAndExitTwo() throws Exception {
    Path bad = dir.resolve("environment.yml");
    Files.writeString(bad, "name: x\ndependencies:\n  - numpy\n  - {conda: [x]}\n");
    CliRun r = CliRun.of("spec", "show", bad.toString());
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(bad + ":4:6: error: expected"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void warningsGoToStderrAndDoNotFail() throws Exception {
    Path env = dir.resolve("environment.yml");
    Files.writeString(env, "name: x\nsomething: else\ndependencies: [numpy]\n");
    CliRun r = CliRun.of("spec", "check", env.toString());
    assertEquals(0, r.exit());
    assertTrue(r.err().contains(env + ":2:1: warning: "), r.err());
  }

  @Test
  void missingFileAndUsageErrorsExitTwo() {
    CliRun missing = CliRun.of("spec", "show", dir.resolve("nope.yml").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("expected a spec file, found no file"), missing.err());
    CliRun usage = CliRun.of("spec", "show", "--format", "xml", "x.yml");
    assertEquals(2, usage.exit());
    assertTrue(usage.err().contains("--format"), usage.err());
    assertEquals(2, CliRun.of("nonsense").exit());
    assertEquals(2, CliRun.of().exit());
  }

  @Test
  void typeOptionForcesTheFormat() throws Exception {
    Path f = dir.resolve("deps.list");
    Files.writeString(f, "ml numpy scipy\n");
    CliRun asModules = CliRun.of("spec", "show", f.toString());
    assertTrue(asModules.out().contains("- numpy"), asModules.out());
    CliRun asReqs = CliRun.of("spec", "check", "--type", "REQUIREMENTS", f.toString());
    assertEquals(2, asReqs.exit());
  }

  @Test
  void everyCommandHasHelpAndTheVersionPrints() {
    CommandLine root = Main.commandLine();
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    assertTrue(all.size() >= 4);
    for (CommandLine c : all) {
      List<String> args = new ArrayList<>(List.of(c.getCommandSpec().qualifiedName(" ").split(" ")));
      args.remove(0);
      args.add("--help");
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, r.exit(), c.getCommandSpec().qualifiedName());
      assertTrue(r.out().contains("Usage: " + c.getCommandSpec().qualifiedName()), r.out());
      assertTrue(r.out().contains("Exit codes:"), r.out());
    }
    CliRun v = CliRun.of("--version");
    assertEquals(0, v.exit());
    assertTrue(v.out().matches("envtainer \\d+\\.\\d+\\.\\d+\\s*"), v.out());
  }

  private static void collect(CommandLine c, List<CommandLine> out) {
    out.add(c);
    for (CommandLine sub : c.getSubcommands().values()) if (!out.contains(sub)) collect(sub, out);
  }
}
