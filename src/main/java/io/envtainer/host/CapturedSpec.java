package io.envtainer.host;

import io.envtainer.spec.Spec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spec captured from a live shell.
 *
 * @param provenance for each spec field path ({@code python.version}, {@code modules[0]}, {@code pip[3]},
 *     {@code mpi.family}, ...), where the fact came from ({@code $LOADEDMODULES}, {@code /venv/pyvenv.cfg},
 *     {@code ompi_info --parsable (/usr/bin/ompi_info)}); written as comments beside the fields
 * @param facts the raw probe results behind the spec
 */
public record CapturedSpec(Spec spec, Map<String, String> provenance, HostFacts facts) {
  public CapturedSpec {
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }
}
