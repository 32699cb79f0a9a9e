package io.envtainer.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The symbol versions an ELF file needs from each library, read from its {@code .gnu.version_r}
 * (SHT_GNU_verneed) section in Java: e.g. {@code libc.so.6 -> [GLIBC_2.2.5, GLIBC_2.34]}. The highest
 * {@code GLIBC_x.y} is the oldest glibc the file can run with.
 */
public final class ElfVersionNeeds {
  private static final int SHT_GNU_VERNEED = 0x6ffffffe;

  private ElfVersionNeeds() {}

  /** Library name to the version names needed from it; empty when the file has no version needs. */
  public static Map<String, Set<String>> read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() < 64) throw new IOException(file + ": not an ELF file");
      ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      if (b.get(0) != 0x7f || b.get(1) != (byte) 0x45 || b.get(2) != (byte) 0x4c || b.get(3) != (byte) 0x46) throw new IOException(file + ": not an ELF file");
      boolean is64 = b.get(4) == 2;
      b.order(b.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
      int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3A : 0x2E));
      int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3C : 0x30));
      Map<String, Set<String>> out = new LinkedHashMap<>();
      for (int i = 0; i < shnum; i++) {
        int sh = (int) (shoff + (long) i * shentsize);
        if (b.getInt(sh + 4) != SHT_GNU_VERNEED) continue;
        long offset = is64 ? b.getLong(sh + 0x18) : Integer.toUnsignedLong(b.getInt(sh + 0x10));
        int link = b.getInt(sh + (is64 ? 0x28 : 0x18));
        int count = b.getInt(sh + (is64 ? 0x2C : 0x1C));
        int strSh = (int) (shoff + (long) link * shentsize);
        long strOff = is64 ? b.getLong(strSh + 0x18) : Integer.toUnsignedLong(b.getInt(strSh + 0x10));
        int vn = (int) offset;
        for (int n = 0; n < count; n++) {
          int cnt = Short.toUnsignedInt(b.getShort(vn + 2));
          String lib = string(b, strOff + Integer.toUnsignedLong(b.getInt(vn + 4)));
          Set<String> versions = out.computeIfAbsent(lib, k -> new TreeSet<>());
          int aux = vn + b.getInt(vn + 8);
          for (int a = 0; a < cnt; a++) {
            versions.add(string(b, strOff + Integer.toUnsignedLong(b.getInt(aux + 8))));
            int next = b.getInt(aux + 12);
            if (next == 0) break;
            aux += next;
          }
          int nextVn = b.getInt(vn + 12);
          if (nextVn == 0) break;
          vn += nextVn;
        }
      }
      return out;
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException(file + ": malformed ELF file", e);
    }
  }

  /** The highest {@code GLIBC_x.y} any of the files needs, as "x.y"; empty when none needs one. */
  public static Optional<String> maxGlibc(Iterable<Path> files) throws IOException {
    String max = null;
    for (Path f : files) {
      for (Set<String> versions : read(f).values()) {
        for (String v : versions) {
          if (!v.startsWith("GLIBC_") || !Character.isDigit(v.charAt(v.length() - 1))) continue;
          String num = v.substring(6);
          if (!num.matches("\\d+(\\.\\d+)*")) continue;
          if (max == null || Versions.compare(num, max) > 0) max = num;
        }
      }
    }
    return Optional.ofNullable(max);
  }

  private static String string(ByteBuffer b, long at) {
    int start = (int) at;
    int end = start;
    while (b.get(end) != 0) end++;
    byte[] bytes = new byte[end - start];
    b.get(start, bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
