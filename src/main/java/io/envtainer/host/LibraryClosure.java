package io.envtainer.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared libraries some roots (e.g. {@code libmpi.so.40}) need, as the host's dynamic loader resolves them
 * ({@code ldd} prints the loader's {@code --list} output, transitively), with the same LD_LIBRARY_PATH as the
 * user's shell.
 *
 * @param roots the files the closure was computed for
 * @param libraries every library needed, first occurrence kept, roots excluded
 * @param missing sonames the loader could not find
 */
public record LibraryClosure(List<Path> roots, List<SharedLibrary> libraries, List<String> missing) {

  public LibraryClosure {
    roots = List.copyOf(roots);
    libraries = List.copyOf(libraries);
    missing = List.copyOf(missing);
  }

  public static final LibraryClosure EMPTY = new LibraryClosure(List.of(), List.of(), List.of());

  // "\tlibfoo.so.1 => /usr/lib/libfoo.so.1 (0x00007f...)", "\tlibbar.so.2 => not found",
  // "\t/lib64/ld-linux-x86-64.so.2 (0x...)", "\tlinux-vdso.so.1 (0x...)", "\tlibfoo.so => /x/libfoo.so"
  private static final Pattern ARROW = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(.*?)\\s*(?:\\(0x[0-9a-fA-F]+\\))?\\s*$");
  private static final Pattern PLAIN = Pattern.compile("^\\s*(\\S+)\\s*(?:\\(0x[0-9a-fA-F]+\\))?\\s*$");

  /**
   * Runs one {@code ldd} on all roots with {@code env} (ldd prints a {@code FILE:} header per file when given
   * several) and merges the answers.
   */
  public static LibraryClosure compute(CommandRunner runner, Map<String, String> env, List<Path> roots) throws IOException {
    Map<String, SharedLibrary> libs = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    if (roots.isEmpty()) return EMPTY;
    List<String> cmd = new ArrayList<>(List.of("ldd"));
    for (Path root : roots) cmd.add(root.toString());
    CommandRunner.Result r = runner.run(cmd, env);
    // ldd exits 1 when any file is not dynamic; the others' lines are still there.
    if (!r.ok() && !r.output().contains("not a dynamic executable")) {
      throw new IOException(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 3))) + " failed (exit " + r.exitCode()
          + "): " + r.output().strip());
    }
    merge(parseLdd(r.stdout()), libs, missing, new LinkedHashSet<>(roots));
    return new LibraryClosure(roots, new ArrayList<>(libs.values()), new ArrayList<>(missing));
  }

  private static void merge(List<SharedLibrary> found, Map<String, SharedLibrary> libs, Set<String> missing, Set<Path> roots) {
    for (SharedLibrary l : found) {
      if (!l.found()) {
        missing.add(l.soname());
      } else if (!roots.contains(l.path())) {
        libs.putIfAbsent(l.soname(), l);
      }
    }
  }

  /** Parses one {@code ldd} output; the kernel's vDSO (no file) is left out. */
  public static List<SharedLibrary> parseLdd(String output) {
    List<SharedLibrary> out = new ArrayList<>();
    for (String line : output.split("\\R")) {
      if (line.isBlank() || line.contains("statically linked") || line.contains("not a dynamic executable")) continue;
      if (!Character.isWhitespace(line.charAt(0)) && line.endsWith(":")) continue; // "FILE:" header of a multi-file run
      Matcher a = ARROW.matcher(line);
      if (a.matches()) {
        String soname = a.group(1);
        String target = a.group(2);
        if (target.equals("not found")) {
          out.add(new SharedLibrary(soname, null, SharedLibrary.classify(soname)));
        } else if (target.startsWith("/")) {
          out.add(new SharedLibrary(soname, Path.of(target), SharedLibrary.classify(soname)));
        }
        continue;
      }
      Matcher p = PLAIN.matcher(line);
      if (p.matches() && p.group(1).startsWith("/")) {
        Path path = Path.of(p.group(1));
        String name = path.getFileName().toString();
        out.add(new SharedLibrary(name, path, SharedLibrary.classify(name)));
      }
    }
    return out;
  }

  /** The libraries of one kind. */
  public List<SharedLibrary> ofKind(SharedLibrary.Kind kind) {
    return libraries.stream().filter(l -> l.kind() == kind).toList();
  }

  /** The directories the host-provided libraries live in, in first-seen order. */
  public List<Path> hostDirectories() {
    Set<Path> dirs = new LinkedHashSet<>();
    for (SharedLibrary l : ofKind(SharedLibrary.Kind.HOST)) dirs.add(l.path().getParent());
    return new ArrayList<>(dirs);
  }
}
