package io.envtainer.host;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.modules.ModuleList;
import io.envtainer.spec.modules.ModuleRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The modules loaded in a shell, read from its environment alone (no {@code module} command needed):
 * {@code $LOADEDMODULES} and {@code $_LMFILES_} (both Lmod and Environment Modules keep them, as parallel
 * colon lists), {@code $MODULEPATH}, and which modules the user asked for (Lmod's {@code _ModuleTable*_},
 * Environment Modules' {@code __MODULES_LMNOTUASKED}).
 *
 * @param tool which module tool the environment belongs to
 * @param loaded every loaded module, in load order
 * @param modulePath {@code $MODULEPATH} entries
 * @param usedModulePath the entries added by {@code module use} (all of {@code $MODULEPATH} when the site's
 *     base path is unknown)
 */
public record ModuleState(Tool tool, List<LoadedModule> loaded, List<String> modulePath, List<String> usedModulePath) {

  /** The module tool of the environment. */
  public enum Tool {
    LMOD("Lmod"),
    ENVIRONMENT_MODULES("Environment Modules"),
    NONE("none");

    private final String displayName;

    Tool(String displayName) {
      this.displayName = displayName;
    }

    public String displayName() {
      return displayName;
    }
  }

  public ModuleState {
    loaded = List.copyOf(loaded);
    modulePath = List.copyOf(modulePath);
    usedModulePath = List.copyOf(usedModulePath);
  }

  public static ModuleState fromEnvironment(Map<String, String> env) {
    Tool tool = env.containsKey("LMOD_VERSION") || env.containsKey("LMOD_CMD") ? Tool.LMOD
        : env.containsKey("MODULES_CMD") || env.containsKey("MODULESHOME") ? Tool.ENVIRONMENT_MODULES
        : env.containsKey("LOADEDMODULES") ? Tool.ENVIRONMENT_MODULES : Tool.NONE;
    List<String> names = split(env.get("LOADEDMODULES"));
    List<String> files = split(env.get("_LMFILES_"));
    Optional<LmodModuleTable> table = LmodModuleTable.fromEnvironment(env);
    Set<String> notAsked = new LinkedHashSet<>(split(env.getOrDefault("__MODULES_LMNOTUASKED",
        env.get("MODULES_LMNOTUASKED"))));
    List<LoadedModule> loaded = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String file = files.size() == names.size() ? files.get(i) : null;
      boolean user = true;
      if (table.isPresent()) {
        Optional<LmodModuleTable.Entry> e = table.get().find(name);
        if (e.isPresent()) {
          user = e.get().stackDepth() == 0;
          if (file == null) file = e.get().file();
        }
      } else if (notAsked.contains(name)) {
        user = false;
      }
      loaded.add(new LoadedModule(name, file, user));
    }
    List<String> modulePath = split(env.get("MODULEPATH"));
    List<String> used = new ArrayList<>(modulePath);
    if (table.isPresent() && !table.get().systemBaseModulePath().isEmpty()) {
      used.removeAll(table.get().systemBaseModulePath());
    }
    return new ModuleState(tool, loaded, modulePath, used);
  }

  /** The modules the user asked for (dependencies are loaded again by them). */
  public List<LoadedModule> userLoaded() {
    return loaded.stream().filter(LoadedModule::userLoaded).toList();
  }

  public boolean isEmpty() {
    return loaded.isEmpty();
  }

  /** The spec's module list: {@code module use} paths and the user-loaded modules in load order. */
  public ModuleList toModuleList() {
    List<ModuleRef> refs = new ArrayList<>();
    for (LoadedModule m : userLoaded()) {
      refs.add(new ModuleRef(m.fullName(), SourceLocation.synthetic(m.file() != null ? m.file() : "$LOADEDMODULES")));
    }
    return new ModuleList(null, usedModulePath, refs, false);
  }

  /** The first loaded module whose name (before the version) is one of {@code names}, case-insensitive. */
  public Optional<LoadedModule> findByName(String... names) {
    for (LoadedModule m : loaded) {
      String n = new ModuleRef(m.fullName(), null).name();
      String last = n.contains("/") ? n.substring(n.lastIndexOf('/') + 1) : n;
      for (String want : names) if (want.equalsIgnoreCase(n) || want.equalsIgnoreCase(last)) return Optional.of(m);
    }
    return Optional.empty();
  }

  /**
   * Parses {@code module --terse list} output (Lmod prints it on stderr): one module per line; headers,
   * "No modules loaded", and tags such as {@code <aL>} or {@code (D)} are dropped.
   */
  public static List<String> parseTerseList(String output) {
    List<String> out = new ArrayList<>();
    for (String raw : output.split("\\R")) {
      String line = raw.replaceAll("<[^>]*>", "").replaceAll("\\([A-Za-z]{1,3}\\)", "").trim();
      if (line.isEmpty() || line.endsWith(":") || line.contains(" ")) continue;
      out.add(line);
    }
    return out;
  }

  private static List<String> split(String v) {
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    for (String s : v.split(":")) if (!s.isEmpty()) out.add(s);
    return out;
  }
}
