package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.pip.Requirements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conda environment file ({@code environment.yml}, {@code conda env export}).
 *
 * @param file the file, or null when inline in an envtainer spec
 * @param name may be null (export with {@code --no-name}, hand-written files)
 * @param dependencies MatchSpecs and the pip sub-list, in file order
 * @param prefix the {@code prefix:} line as written (may be a Windows path), or null
 * @param variables {@code variables:} in order
 * @param variableLocations where each variable was written (empty for environments built in code)
 */
public record CondaEnvironment(
    Path file,
    String name,
    List<Channel> channels,
    List<CondaDependency> dependencies,
    String prefix,
    Map<String, String> variables,
    SourceLocation location,
    Map<String, SourceLocation> variableLocations) {

  public CondaEnvironment {
    channels = List.copyOf(channels);
    dependencies = List.copyOf(dependencies);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables == null ? Map.of() : variables));
    variableLocations = Collections.unmodifiableMap(
        new LinkedHashMap<>(variableLocations == null ? Map.of() : variableLocations));
  }

  public CondaEnvironment(Path file, String name, List<Channel> channels, List<CondaDependency> dependencies,
      String prefix, Map<String, String> variables, SourceLocation location) {
    this(file, name, channels, dependencies, prefix, variables, location, Map.of());
  }

  /** Where variable {@code name} was written; the environment when unknown. */
  public SourceLocation variableLocation(String name) {
    return variableLocations.getOrDefault(name, location);
  }

  public List<MatchSpec> matchSpecs() {
    List<MatchSpec> out = new ArrayList<>();
    for (CondaDependency d : dependencies) if (d instanceof MatchSpec m) out.add(m);
    return out;
  }

  /** The pip sub-list, or an empty one. */
  public Requirements pip() {
    for (CondaDependency d : dependencies) if (d instanceof PipDependencies p) return p.requirements();
    return Requirements.empty();
  }
}
