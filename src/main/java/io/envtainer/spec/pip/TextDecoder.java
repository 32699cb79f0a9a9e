package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Bytes of a requirements file to text, as pip's {@code auto_decode} does: a byte order mark (UTF-8, UTF-16 or
 * UTF-32; PowerShell's {@code pip freeze > requirements.txt} writes UTF-16) decides, otherwise UTF-8.
 */
final class TextDecoder {
  private TextDecoder() {}

  static String decode(byte[] bytes, Path file) throws SpecException {
    if (starts(bytes, 0xEF, 0xBB, 0xBF)) return strict(bytes, 3, StandardCharsets.UTF_8, file);
    if (starts(bytes, 0xFF, 0xFE, 0x00, 0x00)) return strict(bytes, 4, Charset.forName("UTF-32LE"), file);
    if (starts(bytes, 0x00, 0x00, 0xFE, 0xFF)) return strict(bytes, 4, Charset.forName("UTF-32BE"), file);
    if (starts(bytes, 0xFF, 0xFE)) return strict(bytes, 2, StandardCharsets.UTF_16LE, file);
    if (starts(bytes, 0xFE, 0xFF)) return strict(bytes, 2, StandardCharsets.UTF_16BE, file);
    return strict(bytes, 0, StandardCharsets.UTF_8, file);
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
    return true;
  }

  private static String strict(byte[] bytes, int skip, Charset cs, Path file) throws SpecException {
    CharsetDecoder dec = cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer out = CharBuffer.allocate((int) ((bytes.length - skip) * (double) dec.maxCharsPerByte()) + 4);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      String done = new String(bytes, skip, bad - skip, cs);
      int line = 1;
      int col = 1;
      for (int i = 0; i < done.length(); i++) {
        if (done.charAt(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      throw new SpecException(new SourceLocation(file, line, col),
          "expected " + cs.name() + " text, found an invalid byte 0x" + String.format("%02X", bytes[bad] & 0xFF),
          "save the requirements file as UTF-8");
    }
    dec.flush(out);
    out.flip();
    return out.toString();
  }
}
