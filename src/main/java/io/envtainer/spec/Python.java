package io.envtainer.spec;

/**
 * The Python of the image.
 *
 * @param source where the interpreter and packages come from
 * @param version wanted interpreter version ("3.10", "3.10.4"), or null when the source decides
 * @param module for {@link PythonSource#MODULE}: the module that provides python, else null
 * @param prefix where the environment (venv or conda prefix) lives in the image
 * @param systemSitePackages for venvs: whether the base's packages stay visible; null = by source (module and
 *     system: yes; venv: no)
 */
public record Python(PythonSource source, String version, String module, String prefix, Boolean systemSitePackages) {
  public static final String DEFAULT_PREFIX = "/opt/env";

  public Python {
    if (source == null) throw new IllegalArgumentException("python source is required");
    if (prefix == null || prefix.isBlank()) prefix = DEFAULT_PREFIX;
  }

  public Python(PythonSource source, String version, String module, String prefix) {
    this(source, version, module, prefix, null);
  }

  public static Python of(PythonSource source) {
    return new Python(source, null, null, DEFAULT_PREFIX, null);
  }
}
