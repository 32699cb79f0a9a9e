package io.envtainer.spec.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class HashModeTest {
  private static final String HASH = " --hash=sha256:" + "0".repeat(64);
  @TempDir Path dir;

  private Requirements parse(String text) throws IOException, SpecException {
    Path f = dir.resolve("requirements.txt");
    Files.writeString(f, text);
    return RequirementsParser.parse(f);
  }

  @Test
  void pipCompileOutputPasses() throws SpecException {
    Requirements r = RequirementsParser.parse(PipFixtures.source().resolve("pip-compile-hashes.txt"));
    assertTrue(HashMode.isOn(r));
    HashMode.check(r);
  }

  @Test
  void offWithoutHashes() throws IOException, SpecException {
    Requirements r = parse("numpy\n-e ./x\n");
    assertFalse(HashMode.isOn(r));
    HashMode.check(r);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scipy==1.11.4| expected --hash=sha256:... for scipy in hash-checking mode, found none",
      "scipy>=1.11| expected a version pinned with == in hash-checking mode, found scipy>=1.11",
      "scipy| expected a version pinned with == in hash-checking mode, found scipy without a version",
      "scipy==1.11,!=1.11.1| expected a version pinned with ==",
      "-e ./local| expected no editable requirement",
      "git+https://h/r.git#egg=r| the VCS URL git+https://h/r.git#egg=r",
      "./local/dir| the directory ./local/dir"})
  void refusedLikePipWould(String second, String fragment) throws IOException {
    Path f = dir.resolve("requirements.txt");
    SpecException e = assertThrows(SpecException.class,
        () -> HashMode.check(parse("numpy==1.26.4" + HASH + "\n" + second + "\n")));
    assertEquals(new SourceLocation(f, 2, 1), e.location());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains("once one has a --hash (" + f + ":1:1)"), e.getMessage());
  }

  @Test
  void requireHashesOptionTurnsItOn() throws IOException {
    SpecException e = assertThrows(SpecException.class,
        () -> HashMode.check(parse("--require-hashes\n./wheels/x-1.0-py3-none-any.whl\n")));
    assertEquals(2, e.location().line());
    assertTrue(e.getMessage().contains("--require-hashes is given"), e.getMessage());
  }

  @Test
  void hashedArchivesAndExactPinsPass() throws IOException, SpecException {
    HashMode.check(parse("a===1.0" + HASH + "\n./w/x-1.0-py3-none-any.whl" + HASH
        + "\nhttps://h/p-1.0.tar.gz" + HASH + "\n"));
  }
}
