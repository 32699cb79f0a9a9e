package io.envtainer.spec.modules;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads module lists: {@code module load a/1 b}, {@code ml a/1 b}, {@code module use DIR}, {@code module purge},
 * {@code module unload a} / {@code ml -a}, and bare names one per line ({@code module --terse list} output).
 * Comments ({@code #}), {@code \} continuations and {@code ;}-separated commands are accepted.
 */
public final class ModuleListParser {
  /** What a module name may look like: {@code python-scientific/3.10.4-foss-2022a}, {@code GCC/11.3.0}. */
  static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+\\-/]*");

  private final Path file;
  private final List<String> paths = new ArrayList<>();
  private final List<ModuleRef> modules = new ArrayList<>();
  private boolean purge;

  private ModuleListParser(Path file) {
    this.file = file;
  }

  public static ModuleList parse(Path file) throws SpecException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(SourceLocation.of(file, 0), "cannot read file: " + e.getMessage(), null);
    }
    return parse(file, text);
  }

  public static ModuleList parse(Path file, String text) throws SpecException {
    ModuleListParser p = new ModuleListParser(file);
    String[] physical = text.replace("\uFEFF", "").split("\r?\n", -1);
    StringBuilder logical = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < physical.length; i++) {
      String line = physical[i];
      if (logical.length() == 0) startLine = i + 1;
      if (line.endsWith("\\") && !isComment(line)) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      p.logicalLine(logical.toString(), startLine);
      logical.setLength(0);
    }
    if (logical.length() > 0) p.logicalLine(logical.toString(), startLine);
    return new ModuleList(file, p.paths, p.modules, p.purge);
  }

  /** Whether the text looks like a module list (any {@code module}/{@code ml} command line). */
  public static boolean looksLikeModuleList(String text) {
    for (String line : text.split("\r?\n")) {
      String t = stripComment(line).trim();
      if (t.startsWith("module ") || t.startsWith("ml ") || t.equals("ml") || t.startsWith("module\t")) return true;
    }
    return false;
  }

  private static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }

  private static String stripComment(String line) {
    int hash = -1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        hash = i;
        break;
      }
    }
    return hash < 0 ? line : line.substring(0, hash);
  }

  private void logicalLine(String raw, int lineNo) throws SpecException {
    String text = stripComment(raw);
    int offset = 0;
    for (String command : text.split(";", -1)) {
      command(command, lineNo, offset);
      offset += command.length() + 1;
    }
  }

  private void command(String command, int lineNo, int offset) throws SpecException {
    List<Token> words = tokens(command, offset);
    if (words.isEmpty()) return;
    Token first = words.get(0);
    if (first.text.equals("module")) {
      if (words.size() < 2) throw error(lineNo, first, "expected a module subcommand after 'module'", "e.g. 'module load NAME'");
      int i = 1;
      while (i < words.size() && words.get(i).text.startsWith("-")) i++; // module --force purge
      if (i >= words.size()) throw error(lineNo, words.get(words.size() - 1), "expected a module subcommand", null);
      subcommand(words.get(i), words.subList(i + 1, words.size()), lineNo);
    } else if (first.text.equals("ml")) {
      List<Token> args = words.subList(1, words.size());
      if (args.isEmpty()) return; // bare 'ml' lists modules
      String sub = args.get(0).text;
      if (sub.equals("purge") || sub.equals("use") || sub.equals("unuse") || sub.equals("load") || sub.equals("add")
          || sub.equals("unload") || sub.equals("rm") || sub.equals("del")) {
        subcommand(args.get(0), args.subList(1, args.size()), lineNo);
      } else {
        for (Token t : args) {
          if (t.text.startsWith("-")) unload(t.text.substring(1), t, lineNo);
          else load(t, lineNo);
        }
      }
    } else {
      // A bare name per line, as `module --terse list` prints it.
      for (Token t : words) load(t, lineNo);
    }
  }

  private void subcommand(Token sub, List<Token> args, int lineNo) throws SpecException {
    switch (sub.text) {
      case "load": case "add": case "try-load": case "try-add":
        if (args.isEmpty()) throw error(lineNo, sub, "expected at least one module name after '" + sub.text + "'", null);
        for (Token t : args) if (!t.text.startsWith("-")) load(t, lineNo);
        break;
      case "unload": case "rm": case "del":
        for (Token t : args) unload(t.text, t, lineNo);
        break;
      case "purge":
        purge = true;
        modules.clear();
        break;
      case "use":
        for (Token t : args) {
          if (t.text.startsWith("-")) continue; // -a / --append
          paths.add(t.text);
        }
        if (args.stream().allMatch(t -> t.text.startsWith("-")))
          throw error(lineNo, sub, "expected a directory after 'module use'", null);
        break;
      case "unuse":
        for (Token t : args) paths.remove(t.text);
        break;
      default:
        throw error(lineNo, sub, "expected 'load', 'unload', 'use', 'unuse' or 'purge', found '" + sub.text + "'",
            "a module list records how to load modules; other module commands do not belong in it");
    }
  }

  private void load(Token t, int lineNo) throws SpecException {
    ModuleRef ref = moduleName(t.text, new SourceLocation(file, lineNo, t.column));
    modules.removeIf(m -> m.name().equals(ref.name()));
    modules.add(ref);
  }

  /** Validates one module name as written after {@code module load}. */
  public static ModuleRef moduleName(String text, SourceLocation at) throws SpecException {
    if (!MODULE_NAME.matcher(text).matches() || text.endsWith("/") || text.contains("//")) {
      throw new SpecException(at, "expected a module name like 'name' or 'name/version', found '" + text + "'",
          "module names use letters, digits and . _ + - /");
    }
    return new ModuleRef(text, at);
  }

  private void unload(String name, Token t, int lineNo) throws SpecException {
    if (name.isEmpty()) throw error(lineNo, t, "expected a module name after '-'", null);
    modules.removeIf(m -> m.fullName().equals(name) || m.name().equals(name));
  }

  private SpecException error(int line, Token t, String problem, String hint) {
    return new SpecException(new SourceLocation(file, line, t.column), problem, hint);
  }

  private record Token(String text, int column) {}

  private static List<Token> tokens(String command, int offset) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < command.length()) {
      while (i < command.length() && Character.isWhitespace(command.charAt(i))) i++;
      int start = i;
      while (i < command.length() && !Character.isWhitespace(command.charAt(i))) i++;
      if (i > start) out.add(new Token(command.substring(start, i), offset + start + 1));
    }
    return out;
  }
}
