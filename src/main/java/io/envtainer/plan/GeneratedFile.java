package io.envtainer.plan;

/** A file the plan writes into the image: text content at an absolute path, with a Unix mode. */
public record GeneratedFile(String path, String content, int mode) {}
