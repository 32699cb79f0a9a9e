package io.envtainer.host;

/**
 * A module loaded in the captured shell.
 *
 * @param fullName as in {@code $LOADEDMODULES}: {@code OpenMPI/4.1.4-GCC-12.2.0}
 * @param file the modulefile it came from ({@code $_LMFILES_}), or null when unknown
 * @param userLoaded true when the user asked for it, false when another module loaded it as a dependency
 *     (Lmod's stackDepth, Environment Modules' {@code __MODULES_LMNOTUASKED}); true when unknown
 */
public record LoadedModule(String fullName, String file, boolean userLoaded) {
  /** The name without the version: {@code OpenMPI} of {@code OpenMPI/4.1.4-GCC-12.2.0}. */
  public String name() {
    int i = fullName.lastIndexOf('/');
    return i < 0 ? fullName : fullName.substring(0, i);
  }
}
