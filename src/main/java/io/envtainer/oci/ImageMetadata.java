package io.envtainer.oci;

import io.envtainer.oci.layer.Entry;
import io.envtainer.oci.layer.ImagePaths;
import io.envtainer.oci.layer.LayerContent;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.GeneratedFile;
import io.envtainer.plan.PlanTest;
import io.envtainer.plan.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer with what Apptainer and envtainer need at run time, made from the plan: the environment script under
 * {@code /.singularity.d/env/} (Apptainer lets host values win over an OCI config's Env; this script does not), the
 * run script (the image's entrypoint), help, tests, the plan's own files ({@code /.envtainer/check.py}) and mount
 * points for the binds.
 */
final class ImageMetadata {
  static final String RUNSCRIPT = "/.envtainer/runscript";
  static final String HELP = "/.singularity.d/runscript.help";
  static final String TEST = "/.singularity.d/test";

  private ImageMetadata() {}

  static LayerContent layer(BuildPlan plan, long time) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    StringBuilder env = new StringBuilder("# envtainer: the environment of " + plan.name()
        + " (the image config's Env says the same to other engines)\n");
    env.append(Shell.exportsOnce(plan.environment()));
    if (plan.activation() != null) env.append(plan.activation().content());
    file(entries, BuildPlan.ACTIVATION_PATH, env.toString(), 0755, time);
    file(entries, RUNSCRIPT, "#!/bin/sh\n"
        + "# Apptainer has already sourced the environment script; other engines (podman, docker) have not.\n"
        + "if [ -z \"${APPTAINER_CONTAINER:-}${SINGULARITY_CONTAINER:-}\" ]; then . " + BuildPlan.ACTIVATION_PATH
        + "; fi\n" + plan.runscript() + "\n", 0755, time);
    file(entries, HELP, String.join("\n", plan.help()) + "\n", 0644, time);
    if (!plan.tests().isEmpty()) {
      StringBuilder t = new StringBuilder("#!/bin/sh\nset -e\n");
      for (PlanTest test : plan.tests()) t.append("# ").append(test.title()).append('\n').append(test.command()).append('\n');
      file(entries, TEST, t.toString(), 0755, time);
    }
    for (GeneratedFile g : plan.imageFiles()) file(entries, g.path(), g.content(), g.mode(), time);
    for (String dir : plan.mountPoints()) {
      String p = ImagePaths.relative(dir);
      if (!p.isEmpty() && !SystemDirs.isSystem(p)) entries.putIfAbsent(p, Entry.directory(p, 0755, time));
    }
    return new LayerContent("envtainer-metadata", withParents(new ArrayList<>(entries.values()), time));
  }

  private static void file(Map<String, Entry> entries, String path, String content, int mode, long time) {
    String p = ImagePaths.relative(path);
    entries.put(p, Entry.file(p, mode, time, content.getBytes(StandardCharsets.UTF_8)));
  }

  /** Adds directory entries for missing parents (outside system directories), sorts by path. */
  static List<Entry> withParents(List<Entry> entries, long time) {
    Map<String, Entry> all = new java.util.TreeMap<>();
    for (Entry e : entries) all.putIfAbsent(e.path(), e);
    for (Entry e : entries) {
      for (String p = e.parent(); !p.isEmpty(); p = parentOf(p)) {
        if (!SystemDirs.isSystem(p)) all.putIfAbsent(p, Entry.directory(p, 0755, time));
      }
    }
    return new ArrayList<>(all.values());
  }

  private static String parentOf(String p) {
    int i = p.lastIndexOf('/');
    return i < 0 ? "" : p.substring(0, i);
  }
}
