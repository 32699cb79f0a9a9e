package io.envtainer.spec.modules;

import java.nio.file.Path;
import java.util.List;

/**
 * Modules to load, in order, as read from {@code module load}/{@code ml} lines or a spec.
 *
 * @param modulePaths directories added with {@code module use}
 * @param purge whether the list starts from {@code module purge}
 */
public record ModuleList(Path file, List<String> modulePaths, List<ModuleRef> modules, boolean purge) {
  public ModuleList {
    modulePaths = List.copyOf(modulePaths);
    modules = List.copyOf(modules);
  }

  public static ModuleList empty() {
    return new ModuleList(null, List.of(), List.of(), false);
  }

  public boolean isEmpty() {
    return modules.isEmpty() && modulePaths.isEmpty();
  }
}
