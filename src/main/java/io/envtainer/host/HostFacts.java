package io.envtainer.host;

import java.util.List;

/**
 * Everything a capture found, for callers that need more than the spec (doctor, the plan resolver, reports).
 * Absent facts are null.
 *
 * @param python the interpreter {@code python3} on PATH resolves to (the venv's inside a venv)
 * @param basePython the interpreter under the venv (the module's python for a module + venv), or null
 * @param pythonModule the loaded module that provides the base python, or null
 * @param basePackages what the base interpreter's own site-packages provide (the module's packages)
 * @param mpiModule the loaded module that provides the MPI, or null
 */
public record HostFacts(ModuleState modules, PythonInfo python, PythonInfo basePython, LoadedModule pythonModule,
    List<InstalledDistribution> basePackages, VenvInfo venv, CondaInfo conda, MpiInstallation mpi,
    LoadedModule mpiModule) {
  public HostFacts {
    basePackages = basePackages == null ? List.of() : List.copyOf(basePackages);
  }
}
