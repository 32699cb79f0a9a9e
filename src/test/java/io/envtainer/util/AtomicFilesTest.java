package io.envtainer.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aFileIsReplacedWholeAndNothingElseIsLeft() throws IOException {
    Path out = dir.resolve("out.txt");
    AtomicFiles.writeString(out, "old\n");
    AtomicFiles.writeString(out, "new\n");
    assertEquals("new\n", Files.readString(out));
    assertEquals(List.of("out.txt"), names(dir));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(0, CleanupOnExit.pending(), "nothing left to undo once a write ended");
  }

  @Test
  void aFailedWriteLeavesTheOldFile() throws IOException {
    Path out = dir.resolve("out.txt");
    AtomicFiles.writeString(out, "old\n");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(out, ch -> {
      ch.write(ByteBuffer.wrap("half".getBytes()));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old\n", Files.readString(out));
    assertEquals(List.of("out.txt"), names(dir));
    assertEquals(0, CleanupOnExit.pending());
  }

  @Test
  void aDirectoryIsReplacedWholeOrNotAtAll() throws IOException {
    Path out = dir.resolve("layout");
    AtomicFiles.writeDirectory(out, d -> Files.writeString(Files.createDirectories(d.resolve("a/b")).resolve("f"), "1"));
    AtomicFiles.writeDirectory(out, d -> Files.writeString(d.resolve("g"), "2"));
    assertEquals("2", Files.readString(out.resolve("g")));
    assertTrue(Files.notExists(out.resolve("a")), "the old directory went whole");
    assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(out, d -> {
      Files.writeString(d.resolve("h"), "3");
      throw new IOException("failed");
    }));
    assertEquals(List.of("g"), names(out));
    assertEquals(List.of("layout"), names(dir));
    assertEquals(0, CleanupOnExit.pending());
  }

  /** What the shutdown hook does when a signal comes while the new content is being written. */
  @Test
  void aSignalDuringTheWriteRemovesThePartialFileAndKeepsTheOldOne() throws IOException {
    Path out = dir.resolve("image.tar");
    AtomicFiles.writeString(out, "old\n");
    try {
      assertThrows(IOException.class, () -> AtomicFiles.write(out, ch -> {
        ch.write(ByteBuffer.wrap("partial".getBytes()));
        assertEquals(1, CleanupOnExit.pending());
        CleanupOnExit.runAll();
      }));
      // Stopping, nothing new is made: no file appears that the hook could no longer delete.
      assertThrows(IOException.class, () -> AtomicFiles.writeString(dir.resolve("late.txt"), "late\n"));
    } finally {
      CleanupOnExit.resume();
    }
    assertEquals("old\n", Files.readString(out));
    assertEquals(List.of("image.tar"), names(dir));
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
