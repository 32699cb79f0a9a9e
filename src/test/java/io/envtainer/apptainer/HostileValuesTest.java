package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.PlanOptions;
import io.envtainer.plan.PlanResolver;
import io.envtainer.plan.SiteFacts;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile values in every spec field that reaches a def: each is refused with an error naming its spec line, or is
 * inert (cannot open a section, cut a header, or run as shell).
 */
@Tag("unit")
class HostileValuesTest {
  @TempDir Path dir;

  /** One hostile line ({@code @@} marks the place) inserted into a valid spec; the spec line is the marked one. */
  @ParameterizedTest
  @ValueSource(strings = {
    "name: \"x\\n%post\"@@",
    "base: \"docker://img\\n%post\"@@",
    "base: \"docker://img # x\"@@",
    "base: \"docker-archive:/tmp/a$(id).tar\"@@",
    "site: \"x;rm -rf /\"@@",
    "python: {source: venv, version: \"3.11\\n%post\"}@@",
    "python: {source: venv, prefix: \"/opt/env'$(id)\"}@@",
    "python: {source: module, module: \"py/3 %post\"}@@",
    "modules: [\"Python/3.10\\n%post\"]@@",
    "binds: [\"/scratch\\n%post\"]@@",
    "binds: [\"/a b:/c\"]@@",
    "binds: [\"/x$(id)\"]@@",
    "env: {A: \"x\\n%post\"}@@",
    "env: {A: \"{{ secret }}\"}@@",
    "env: {\"A;B\": x}@@",
    "labels: {a: \"b\\n%post\"}@@",
    "labels: {\"a b\": c}@@",
    "files: [\"#x /opt/x\"]@@",
    "runscript: \"echo hi\\n%post\\nrm -rf /\"@@",
    "runscript: \"echo hi\\nBootstrap: docker\"@@",
    "tests: [\"%test\"]@@",
    "tests: [\"echo {{ x }}\"]@@",
    "pip: [\"numpy\\n%post\"]@@",
    "pip: [\"numpy ; python_version > '3' and $(id)\"]@@",
    "pip: [\"--index-url \\\"https://x\\n%post\\\"\"]@@",
    "mpi: {family: openmpi, version: \"4.1\\n%post\", mode: hybrid}@@",
  })
  void refusedWithTheSpecLine(String hostile) throws Exception {
    Path spec = writeSpec(hostile);
    int line = markedLine(spec);
    try {
      BuildPlan plan = PlanResolver.resolve(SpecLoader.load(spec).spec(), SiteFacts.NONE, PlanOptions.defaults());
      fail("accepted: " + hostile + "\n" + DefRenderer.render(plan, dir, "test"));
    } catch (SpecException e) {
      assertTrue(e.getMessage().startsWith(spec + ":" + line + ":"), hostile + " -> " + e.getMessage());
      assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }
  }

  @Test
  void condaValuesAreRefusedWithTheirLine() throws Exception {
    for (String dep : new String[] {"\"numpy\\n%post\"", "\"numpy{{ x }}\""}) {
      Path spec = write("conda.yaml", "name: c\npython: {source: conda}\nconda:\n  dependencies:\n    - " + dep + "\n");
      assertRefusedAt(spec, 5);
    }
    Path channel = write("c2.yaml", "name: c\npython: {source: conda}\nconda:\n  channels: [\"x$(id)\"]\n"
        + "  dependencies: [numpy]\n");
    assertRefusedAt(channel, 4);
    Path variable = write("c3.yaml", "name: c\npython: {source: conda}\nconda:\n  dependencies: [numpy]\n"
        + "  variables: {A: \"1\\n%post\"}\n");
    assertRefusedAt(variable, 5);
  }

  private void assertRefusedAt(Path spec, int line) throws Exception {
    try {
      PlanResolver.resolve(SpecLoader.load(spec).spec(), SiteFacts.NONE, PlanOptions.defaults());
      fail("accepted " + Files.readString(spec));
    } catch (SpecException e) {
      assertTrue(e.getMessage().startsWith(spec + ":" + line + ":"), e.getMessage());
    }
  }

  @Test
  void acceptedValuesAreInert() throws Exception {
    Path pwned = dir.resolve("pwned");
    String cmd = "$(touch " + pwned + ")";
    Path spec = write("inert.yaml", String.join("\n",
        "name: inert",
        "python: {source: venv}",
        "env:",
        "  CMD: \"" + cmd + "\"",
        "  QUOTES: \"it's \\\"double\\\" `tick` \\\\ back\"",
        "  PERCENT: \"%post # not a comment\"",
        "labels:",
        "  note: \"" + cmd + " # %post 'x'\"",
        "pip:",
        "  - \"--index-url https://example.org/$(id)/simple\"",
        "  - \"numpy==1.26.4  # %post " + cmd + "\"",
        "runscript: \"printf '%s\\\\n' \\\"$@\\\"\"",
        ""));
    BuildPlan plan = PlanResolver.resolve(SpecLoader.load(spec).spec(), SiteFacts.NONE, PlanOptions.defaults());
    String def = DefRenderer.render(plan, dir, "test");

    List<String> sections = new ArrayList<>();
    for (String l : def.split("\n")) if (l.startsWith("%")) sections.add(l);
    assertEquals(List.of("%post", "%environment", "%runscript", "%test", "%labels", "%help"), sections);
    assertTrue(def.contains("    note " + cmd + " # %post 'x'\n"), def);

    // Run the %environment body with a real shell: the values arrive literally and nothing runs.
    String env = section(def, "environment");
    String script = env + "\nprintf '%s\\n' \"$CMD\" \"$QUOTES\" \"$PERCENT\"\n";
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertEquals(cmd + "\nit's \"double\" `tick` \\ back\n%post # not a comment\n", out);
    assertFalse(Files.exists(pwned), "a value ran as shell");

    // The requirements reach pip through a quoted here-document: byte for byte, never expanded.
    assertTrue(def.contains("\n--index-url https://example.org/$(id)/simple\n"), def);
    assertTrue(def.contains("\nnumpy==1.26.4 # %post " + cmd + "\n"), def);
  }

  private static String section(String def, String name) {
    int start = def.indexOf("\n%" + name + "\n") + name.length() + 3;
    int end = def.indexOf("\n%", start);
    return def.substring(start, end);
  }

  private Path writeSpec(String hostile) throws Exception {
    Files.writeString(dir.resolve("data.txt"), "x");
    StringBuilder b = new StringBuilder();
    boolean hasName = hostile.startsWith("name:");
    boolean hasPython = hostile.startsWith("python:");
    if (!hasName) b.append("name: hostile\n");
    if (!hasPython && !hasName) {
      b.append("python: {source: ").append(hostile.startsWith("modules:") ? "module" : "venv").append("}\n");
    }
    b.append(hostile).append('\n');
    if (hasName) b.append("python: {source: venv}\n");
    return write("hostile.yaml", b.toString());
  }

  private static int markedLine(Path spec) throws Exception {
    List<String> lines = Files.readAllLines(spec);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("@@")) {
        lines.set(i, lines.get(i).substring(0, lines.get(i).length() - 2));
        Files.write(spec, lines);
        return i + 1;
      }
    }
    throw new IllegalStateException("no marker");
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
