package io.envtainer.spec;

import io.envtainer.spec.conda.CondaEnvironmentParser;
import io.envtainer.spec.modules.ModuleListParser;
import io.envtainer.spec.pip.RequirementsParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Reads any supported file as a {@link Spec}, telling the format by name and content. */
public final class SpecLoader {
  private SpecLoader() {}

  /** A loaded spec and the format it was read as. */
  public record Loaded(Spec spec, SpecFormat format) {}

  public static Loaded load(Path file) throws SpecException {
    return load(file, null);
  }

  /** Loads {@code file}; {@code format} forces a format, null detects it. */
  public static Loaded load(Path file, SpecFormat format) throws SpecException {
    if (!Files.exists(file)) throw new SpecException(SourceLocation.of(file, 0), "expected a spec file, found no file", null);
    if (Files.isDirectory(file)) {
      throw new SpecException(SourceLocation.of(file, 0), "expected a spec file, found a directory",
          "name the file: envtainer.yaml, environment.yml, requirements.txt or a module list");
    }
    SpecFormat f = format != null ? format : detect(file);
    List<SpecWarning> warnings = new ArrayList<>();
    Spec spec = switch (f) {
      case ENVTAINER -> EnvtainerSpecParser.parse(file);
      case CONDA -> SpecImports.fromConda(file, CondaEnvironmentParser.parse(file, warnings), warnings);
      case REQUIREMENTS -> SpecImports.fromRequirements(file, RequirementsParser.parse(file));
      case MODULES -> SpecImports.fromModules(file, ModuleListParser.parse(file));
    };
    return new Loaded(spec, f);
  }

  /**
   * YAML files: envtainer's own when the root has 'envtainer' or 'python', conda when it has 'dependencies' or
   * 'channels'. Text files: a module list when a line is a module/ml command or the name says so, else requirements.
   */
  public static SpecFormat detect(Path file) throws SpecException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      YamlDocument doc = YamlDocument.read(file);
      if (doc.root() instanceof MappingNode m) {
        if (YamlDocument.find(m, "envtainer").isPresent() || YamlDocument.find(m, "python").isPresent())
          return SpecFormat.ENVTAINER;
        if (YamlDocument.find(m, "dependencies").isPresent() || YamlDocument.find(m, "channels").isPresent())
          return SpecFormat.CONDA;
      }
      throw new SpecException(SourceLocation.of(file, 1), "cannot tell what kind of YAML file this is: expected an "
          + "envtainer spec (with 'python:') or a conda environment (with 'dependencies:')",
          "or force one with --type envtainer|conda");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(SourceLocation.of(file, 0), "cannot read file: " + e.getMessage(), null);
    }
    if (ModuleListParser.looksLikeModuleList(text)) return SpecFormat.MODULES;
    if (!name.contains("requirement") && name.contains("module")) return SpecFormat.MODULES;
    return SpecFormat.REQUIREMENTS;
  }
}
