package io.envtainer.plan;

/**
 * Where an image came from, written into its labels.
 *
 * @param specDigest {@code sha256:...} of the normalised spec (formatting and comments do not change it)
 * @param site the site profile name, or "none"
 */
public record Provenance(String envtainerVersion, String specDigest, String specFile, String site) {}
