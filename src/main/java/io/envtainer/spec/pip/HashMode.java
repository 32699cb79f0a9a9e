package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;

/**
 * pip's hash-checking mode, checked before any install: once one requirement has a {@code --hash} (or the file
 * says {@code --require-hashes}), pip refuses every requirement that is not pinned with {@code ==}/{@code ===}
 * and hashed, and every editable, VCS or local-directory requirement. This finds those at file:line:column
 * instead of minutes into an image build. (Dependencies pulled in by the requirements must be hashed too; pip
 * alone can tell, at install time.)
 */
public final class HashMode {
  private HashMode() {}

  /** Whether pip will install these requirements in hash-checking mode. */
  public static boolean isOn(Requirements r) {
    return r.hasHashes() || r.options().stream().anyMatch(o -> o.name().equals("--require-hashes"));
  }

  /** Throws for the first requirement pip would refuse in hash-checking mode; does nothing when it is off. */
  public static void check(Requirements r) throws SpecException {
    if (!isOn(r)) return;
    String why = "pip checks hashes for every requirement once " + cause(r);
    for (Requirement q : r.requirements()) {
      String what = q.name() != null ? q.name() : q.url();
      if (q.editable()) {
        throw new SpecException(q.location(), "expected no editable requirement in hash-checking mode, found -e "
            + q.url(), why + "; an editable project has no single file to hash");
      }
      if (q.kind() == RequirementKind.VCS) {
        throw new SpecException(q.location(), "expected an archive or a pinned name in hash-checking mode, found"
            + " the VCS URL " + q.url(), why + "; pip cannot hash a repository, point at a built archive instead");
      }
      if (q.kind() == RequirementKind.PATH && !Urls.isArchive(Urls.fileName(q.url()))) {
        throw new SpecException(q.location(), "expected an archive or a pinned name in hash-checking mode, found"
            + " the directory " + q.url(), why + "; pip cannot hash a directory, build a wheel of it instead");
      }
      if (q.kind() == RequirementKind.NAMED && !isPinned(q.specifier())) {
        throw new SpecException(q.location(), "expected a version pinned with == in hash-checking mode, found "
            + (q.specifier().isEmpty() ? what + " without a version" : what + q.specifier()), why);
      }
      if (q.hashes().isEmpty()) {
        throw new SpecException(q.location(), "expected --hash=sha256:... for " + what
            + " in hash-checking mode, found none", why + "; 'pip hash FILE' prints the value");
      }
    }
  }

  /** pip's {@code is_pinned}: exactly one specifier, with {@code ==} or {@code ===}. */
  static boolean isPinned(String specifier) {
    return specifier.startsWith("==") && !specifier.contains(",");
  }

  private static String cause(Requirements r) {
    for (Requirement q : r.requirements()) {
      if (!q.hashes().isEmpty()) return "one has a --hash (" + where(q.location()) + ")";
    }
    for (PipOption o : r.options()) {
      if (o.name().equals("--require-hashes")) return "--require-hashes is given (" + where(o.location()) + ")";
    }
    return "hashes are required";
  }

  private static String where(SourceLocation l) {
    return l == null ? "inline" : l.toString();
  }
}
