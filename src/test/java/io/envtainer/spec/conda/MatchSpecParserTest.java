package io.envtainer.spec.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class MatchSpecParserTest {
  private static final Path FILE = Path.of("env.yml");
  private static final SourceLocation AT = new SourceLocation(FILE, 3, 5);

  private static MatchSpec parse(String raw) throws SpecException {
    return MatchSpecParser.parse(raw, AT);
  }

  /** raw ; channel ; name ; version ; build (empty cell = null). */
  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "", quoteCharacter = '`', textBlock = """
      numpy                                   ;                                  ; numpy   ;                 ;
      numpy=1.2                               ;                                  ; numpy   ; 1.2.*           ;
      python=3.11.*                           ;                                  ; python  ; 3.11.*          ;
      python=3.11*                            ;                                  ; python  ; 3.11.*          ;
      numpy==1.2                              ;                                  ; numpy   ; 1.2             ;
      numpy>=1,<2                             ;                                  ; numpy   ; >=1,<2          ;
      numpy 1.2.*                             ;                                  ; numpy   ; 1.2.*           ;
      numpy >=1.2                             ;                                  ; numpy   ; >=1.2           ;
      python >=3.11,<3.15                     ;                                  ; python  ; >=3.11,<3.15    ;
      python >=3.11, <3.15                    ;                                  ; python  ; >=3.11,<3.15    ;
      numpy 1.2 build_0                       ;                                  ; numpy   ; 1.2             ; build_0
      numpy=1.26.4=py311h64a7726_0            ;                                  ; numpy   ; 1.26.4          ; py311h64a7726_0
      _libgcc_mutex=0.1=conda_forge           ;                                  ; _libgcc_mutex ; 0.1       ; conda_forge
      python=3.11.9=hb806964_0_cpython        ;                                  ; python  ; 3.11.9          ; hb806964_0_cpython
      numpy==1.26.4=py311h64a7726_0           ;                                  ; numpy   ; ==1.26.4        ; py311h64a7726_0
      numpy =1.2 b0                           ;                                  ; numpy   ; 1.2             ; b0
      openmpi=4.1.*=external_*                ;                                  ; openmpi ; 4.1.*           ; external_*
      numpy >=1.0 , < 2.0 py34_0              ;                                  ; numpy   ; >=1.0,<2.0      ; py34_0
      numpy >=1.0 , < 2.0 =py34_0             ;                                  ; numpy   ; >=1.0,<2.0      ; py34_0
      numpy *                                 ;                                  ; numpy   ; *               ;
      blas * openblas                         ;                                  ; blas    ; *               ; openblas
      numpy * *                               ;                                  ; numpy   ; *               ; *
      numpy=1.2|1.4                           ;                                  ; numpy   ; =1.2|1.4        ;
      numpy 1.2|1.4                           ;                                  ; numpy   ; 1.2|1.4         ;
      numpy!=1.2                              ;                                  ; numpy   ; !=1.2           ;
      numpy~=1.2                              ;                                  ; numpy   ; ~=1.2           ;
      numpy<1.2                               ;                                  ; numpy   ; <1.2            ;
      numpy >1.2,(<1.5|>=2)                   ;                                  ; numpy   ; >1.2,(<1.5|>=2) ;
      __glibc >=2.17                          ;                                  ; __glibc ; >=2.17          ;
      conda-forge::numpy                      ; conda-forge                      ; numpy   ;                 ;
      conda-forge::numpy=1.26                 ; conda-forge                      ; numpy   ; 1.26.*          ;
      conda-forge/label/mpi-external::mpich   ; conda-forge/label/mpi-external   ; mpich   ;                 ;
      conda-forge/linux-64::numpy>=1.26       ; conda-forge/linux-64             ; numpy   ; >=1.26          ;
      https://conda.anaconda.org/conda-forge::numpy 1.26.* ; https://conda.anaconda.org/conda-forge ; numpy ; 1.26.* ;
      http://mirror:8080/ch::numpy            ; http://mirror:8080/ch            ; numpy   ;                 ;
      file:///opt/channel::mylib              ; file:///opt/channel              ; mylib   ;                 ;
      ns:numpy                                ;                                  ; numpy   ;                 ;
      conda-forge:ns:numpy                    ; conda-forge                      ; numpy   ;                 ;
      mpi4py[build=mpi_openmpi*]              ;                                  ; mpi4py  ;                 ; mpi_openmpi*
      `numpy[version='>=1.2', build_number=3]` ;                                 ; numpy   ; >=1.2           ;
      `numpy=1.2[version=">=1.2,<2" build=py*]` ;                                ; numpy   ; >=1.2,<2        ; py*
      conda-forge::numpy[channel=bioconda]    ; bioconda                         ; numpy   ;                 ;
      `numpy # pinned by hand`                ;                                  ; numpy   ;                 ;
      `  numpy >=1.2  `                       ;                                  ; numpy   ; >=1.2           ;
      numpy >=1.2 if __unix                   ;                                  ; numpy   ; >=1.2           ;
      https://conda.anaconda.org/conda-forge/linux-64/numpy-1.26.4-py311h64a7726_0.conda ; https://conda.anaconda.org/conda-forge/linux-64 ; numpy ; 1.26.4 ; py311h64a7726_0
      ./pkgs/my-lib-1.0-0.tar.bz2             ; ./pkgs                           ; my-lib  ; 1.0             ; 0
      """)
  void parsesEveryForm(String raw, String channel, String name, String version, String build) throws SpecException {
    MatchSpec m = parse(raw);
    assertEquals(raw.strip(), m.raw(), "raw");
    assertEquals(channel, m.channel(), "channel");
    assertEquals(name, m.name(), "name");
    assertEquals(version, m.version(), "version");
    assertEquals(build, m.build(), "build");
    assertEquals(AT, m.location());
    assertNull(m.comment());
  }

  @Test
  void keepsBracketEntriesInOrderWithoutQuotes() throws SpecException {
    MatchSpec m = parse("numpy[version='>=1.2', build_number=3 , md5=\"abc\"]");
    assertEquals(Map.of("version", ">=1.2", "build_number", "3", "md5", "abc"), m.brackets());
    assertEquals(java.util.List.of("version", "build_number", "md5"), java.util.List.copyOf(m.brackets().keySet()));
  }

  @Test
  void subdirComesFromTheChannelOrTheBrackets() throws SpecException {
    assertEquals("linux-64", parse("conda-forge/linux-64::numpy").subdir());
    assertNull(parse("conda-forge/label/mpi-external::mpich").subdir());
    assertEquals("osx-arm64", parse("numpy[subdir=osx-arm64]").subdir());
    assertNull(parse("numpy").subdir());
  }

  /** raw | column of the error (the spec starts at column 5) | text the message must contain. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                    | 5  | expected a package name, found nothing
      =1.2                  | 5  | expected a package name, found '='
      >=1.2                 | 5  | expected a package name
      numpy==               | 12 | expected a version after '==', found nothing
      numpy=                | 11 | expected a version after '=', found nothing
      numpy>=               | 12 | expected a version after '>=', found nothing
      numpy>=1,,<2          | 14 | expected a version, found ','
      numpy>=1,             | 14 | expected a version, found nothing
      numpy=>1              | 10 | expected an operator
      numpy==1.2=           | 15 | expected ',' (and) or '|' (or) between versions, found '='
      numpy 1.2 py-x        | 15 | expected ',' (and) or '|' (or) between versions, found 'p'
      numpy >=1.2,(<2       | 17 | expected ')' to close
      numpy[build=x         | 10 | expected ']' to close the '[' here
      numpy]                | 10 | expected '[' before ']'
      numpy[build]          | 16 | expected '=' after 'build'
      numpy[foo=1]          | 11 | expected a MatchSpec field in [...]
      numpy[build=]         | 17 | expected a value for 'build'
      numpy[build=''      ] | 18 | expected a value for 'build'
      numpy[build=x][md5=y] | 19 | expected the [...] part at the end
      numpy[build=a,build=b] | 19 | expected each key once
      numpy[version='>=']   | 22 | expected a version after '>='
      numpy[build='x'y]     | 20 | expected ',' between [...] entries
      ::numpy               | 5  | expected a channel name before '::'
      conda-forge::         | 18 | expected a package name, found nothing
      num$py                | 8  | expected a package name (letters
      numpy 1.2 b-0 x       | 15 | expected ',' (and) or '|' (or) between versions
      numpy 1.2 b@          | 16 | expected a build string
      https://h/ch/numpy.conda | 18 | expected a package file named name-version-build
      """)
  void rejectsMalformedSpecsWithAColumn(String raw, int column, String expected) {
    SpecException e = assertThrows(SpecException.class, () -> parse(raw));
    assertEquals(new SourceLocation(FILE, 3, column), e.location(), e.getMessage());
    assertTrue(e.getMessage().startsWith("env.yml:3:" + column + ": error: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void leadingSpacesMoveTheColumn() {
    SpecException e = assertThrows(SpecException.class, () -> MatchSpecParser.parse("  numpy==", AT));
    assertEquals(14, e.location().column());
  }
}
