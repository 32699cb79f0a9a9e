package io.envtainer.plan;

import io.envtainer.spec.SourceLocation;
import java.nio.file.Path;

/**
 * A file or directory copied from the build host into the image.
 *
 * @param source absolute path on the build host
 * @param written the source as the spec wrote it (relative to the spec's directory)
 * @param target absolute path in the image
 */
public record HostFile(Path source, String written, String target, SourceLocation origin) {}
