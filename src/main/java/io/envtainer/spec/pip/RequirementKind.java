package io.envtainer.spec.pip;

/** How a requirement names what to install. */
public enum RequirementKind {
  /** A PEP 508 name with optional extras, version specifiers and marker: {@code numpy[x]>=1.26; python_version>"3.9"}. */
  NAMED,
  /** A direct reference or bare URL to an archive or wheel: {@code pkg @ https://.../pkg.whl}. */
  URL,
  /** A version-control URL: {@code git+https://host/repo.git@tag#egg=pkg}. */
  VCS,
  /** A local file or directory: {@code ./pkg}, {@code ../wheels/x.whl}, {@code file:///...}. */
  PATH
}
