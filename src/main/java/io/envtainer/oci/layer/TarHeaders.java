package io.envtainer.oci.layer;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Tar headers as every tar envtainer writes has them: owner 0:0 without names, the time in whole seconds. */
public final class TarHeaders {
  private TarHeaders() {}

  /**
   * @param mode the full mode, type bits included (040755, 0100644...)
   */
  public static TarArchiveEntry of(String name, byte type, int mode, long mtimeSeconds) {
    TarArchiveEntry t = new TarArchiveEntry(name, type, false);
    t.setMode(mode);
    t.setUserId(0);
    t.setGroupId(0);
    t.setUserName("");
    t.setGroupName("");
    t.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
    return t;
  }
}
