package io.envtainer.spec;

/** The kinds of file envtainer reads as a spec. */
public enum SpecFormat {
  /** envtainer's own YAML. */
  ENVTAINER,
  /** conda environment.yml or {@code conda env export} output. */
  CONDA,
  /** a pip requirements file. */
  REQUIREMENTS,
  /** {@code module load ...} / {@code ml ...} lines. */
  MODULES
}
