package io.envtainer.spec.modules;

/** Writes a module list back as shell lines that {@link ModuleListParser} (and a shell) read the same way. */
public final class ModuleListWriter {
  private ModuleListWriter() {}

  public static String write(ModuleList list) {
    StringBuilder out = new StringBuilder();
    if (list.purge()) out.append("module purge\n");
    for (String path : list.modulePaths()) out.append("module use ").append(path).append('\n');
    for (ModuleRef m : list.modules()) out.append("module load ").append(m.fullName()).append('\n');
    return out.toString();
  }
}
