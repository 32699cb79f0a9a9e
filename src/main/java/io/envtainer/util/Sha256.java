package io.envtainer.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the {@code sha256:HEX} form images use. */
public final class Sha256 {
  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sha256:HEX} of the bytes. */
  public static String of(byte[] bytes) {
    return format(newDigest().digest(bytes));
  }

  /** {@code sha256:HEX} of a finished digest. */
  public static String format(byte[] digest) {
    return "sha256:" + HexFormat.of().formatHex(digest);
  }

  /** The HEX part of {@code sha256:HEX}. */
  public static String hex(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) throw new IllegalArgumentException("not a sha256 digest: " + digest);
    return digest.substring("sha256:".length());
  }
}
