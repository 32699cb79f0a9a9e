package io.envtainer.host;

import io.envtainer.plan.BindMount;
import io.envtainer.plan.EnvEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What bind mode adds at run time: the binds (directories at the same path, single libraries into
 * {@code /opt/envtainer/host-libs}), the container directories to put first on LD_LIBRARY_PATH, and other variables.
 */
public record BindSet(List<BindMount> binds, List<String> libraryPath, List<EnvEntry> env) {
  public static final BindSet EMPTY = new BindSet(List.of(), List.of(), List.of());

  public BindSet {
    binds = List.copyOf(binds);
    libraryPath = List.copyOf(libraryPath);
    env = List.copyOf(env);
  }

  /** This set followed by {@code other}, duplicates (same target, same library dir) dropped. */
  public BindSet plus(BindSet other) {
    Map<String, BindMount> b = new LinkedHashMap<>();
    for (BindMount m : binds) b.putIfAbsent(m.target(), m);
    for (BindMount m : other.binds) b.putIfAbsent(m.target(), m);
    List<String> lp = new ArrayList<>(libraryPath);
    for (String d : other.libraryPath) if (!lp.contains(d)) lp.add(d);
    List<EnvEntry> e = new ArrayList<>(env);
    for (EnvEntry x : other.env) if (e.stream().noneMatch(y -> y.name().equals(x.name()))) e.add(x);
    return new BindSet(new ArrayList<>(b.values()), lp, e);
  }

  /**
   * The host-side variables that apply the set to any {@code apptainer exec} without editing the image:
   * {@code APPTAINER_BIND} (comma list) and {@code APPTAINERENV_LD_LIBRARY_PATH} (Apptainer appends its own
   * /.singularity.d/libs), plus {@code APPTAINERENV_<NAME>} for each SET variable.
   */
  public Map<String, String> apptainerEnvironment() {
    Map<String, String> out = new LinkedHashMap<>();
    if (!binds.isEmpty()) out.put("APPTAINER_BIND", binds.stream().map(BindMount::toBindSpec).collect(Collectors.joining(",")));
    if (!libraryPath.isEmpty()) out.put("APPTAINERENV_LD_LIBRARY_PATH", String.join(":", libraryPath));
    for (EnvEntry e : env) if (e.op() == EnvEntry.Op.SET) out.put("APPTAINERENV_" + e.name(), e.value());
    return out;
  }
}
