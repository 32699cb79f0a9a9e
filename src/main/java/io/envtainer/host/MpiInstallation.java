package io.envtainer.host;

import io.envtainer.spec.MpiFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The host MPI as detected.
 *
 * @param version e.g. {@code 4.1.4}, {@code 4.0.2}, {@code 8.1.27}; null when no tool said
 * @param prefix the installation prefix ({@code /usr} for a distribution's MPI), or null
 * @param bindir where its launcher lives, or null
 * @param libdir where libmpi lives, or null
 * @param pluginDir Open MPI's MCA component directory (pkglibdir), or null
 * @param dataDir Open MPI's help-file directory (pkgdatadir), or null
 * @param libmpi libmpi's real file (symlinks resolved), or null when not found
 * @param libmpiName the name libmpi was found under ({@code libmpi.so.40}, {@code libmpich.so.12})
 * @param closure what libmpi needs, as the loader resolves it
 * @param environment the shell's variables that the MPI reads ({@code OPAL_*}, {@code I_MPI_*}, {@code CRAY_*})
 * @param sources for each fact ({@code family}, {@code version}, {@code prefix}, {@code libmpi}), which tool or
 *     variable said it
 */
public record MpiInstallation(MpiFamily family, String version, Path prefix, Path bindir, Path libdir, Path pluginDir,
    Path dataDir, Path libmpi, String libmpiName, LibraryClosure closure, Map<String, String> environment,
    Map<String, String> sources) {

  public MpiInstallation {
    if (closure == null) closure = LibraryClosure.EMPTY;
    environment = Map.copyOf(environment);
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
  }

  /** The ABI soname the family's applications link against. */
  public String abiSoname() {
    return family.abi().soname();
  }

  /** The files whose GLIBC needs bind mode must satisfy: libmpi and the host libraries of its closure. */
  public List<Path> bindModeElfFiles() {
    List<Path> out = new java.util.ArrayList<>();
    if (libmpi != null) out.add(libmpi);
    for (SharedLibrary l : closure.ofKind(SharedLibrary.Kind.HOST)) out.add(l.path());
    return out;
  }

  /** A distribution's MPI lives in shared system directories that cannot be bound whole. */
  public boolean inSystemPrefix() {
    return prefix == null || prefix.equals(Path.of("/usr")) || prefix.equals(Path.of("/")) || prefix.equals(Path.of("/usr/local"));
  }
}
