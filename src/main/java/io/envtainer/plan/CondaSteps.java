package io.envtainer.plan;

import java.util.ArrayList;
import java.util.List;

/** Steps that install a pinned micromamba and create the conda environment at the plan's prefix. */
final class CondaSteps {
  static final String ENVIRONMENT = "/.envtainer/environment.yml";
  static final String MICROMAMBA = "/usr/local/bin/micromamba";
  static final String ROOT_PREFIX = "/opt/envtainer/mamba";

  private CondaSteps() {}

  static List<Step> steps(PythonPlan py, boolean hasPip) {
    PythonPlan.Micromamba mm = py.micromamba();
    List<String> fetch = new ArrayList<>(PackageManager.download(mm.url(), mm.sha256(), MICROMAMBA));
    fetch.add("chmod 0755 " + MICROMAMBA);
    List<String> create = new ArrayList<>();
    create.add("export MAMBA_ROOT_PREFIX=" + ROOT_PREFIX);
    create.add(MICROMAMBA + " create --yes --prefix " + Shell.quote(py.prefix()) + " --file " + ENVIRONMENT);
    List<String> clean = List.of(
        MICROMAMBA + " clean --all --yes",
        "rm -rf " + ROOT_PREFIX + "/pkgs " + Shell.quote(py.prefix()) + "/pkgs");
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("micromamba " + mm.version() + " (sha256-pinned)", fetch));
    steps.add(new Step("conda environment at " + py.prefix() + (hasPip ? " (with its pip section)" : ""), create));
    steps.add(new Step("clean package caches", clean));
    return steps;
  }
}
