package io.envtainer.host;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lmod's state as kept in the environment: {@code _ModuleTable001_}, {@code _ModuleTable002_} ... are the
 * base64 chunks of a Lua table ({@code _ModuleTable_ = { mT = { Name = { fn=..., fullName=..., loadOrder=N,
 * stackDepth=N, status="active" }}, mpathA = {...}, systemBaseMPATH = "..." }}).
 *
 * @param modules the active modules, in load order
 * @param systemBaseModulePath the MODULEPATH the site set up before any {@code module use}
 */
public record LmodModuleTable(List<Entry> modules, List<String> systemBaseModulePath) {

  /** One module of {@code mT}: stackDepth 0 means the user loaded it. */
  public record Entry(String fullName, String file, int loadOrder, int stackDepth) {}

  private static final Pattern CHUNK = Pattern.compile("_ModuleTable(\\d+)_");

  /** Decodes the table from the environment; empty when Lmod's variables are absent or unreadable. */
  public static Optional<LmodModuleTable> fromEnvironment(Map<String, String> env) {
    TreeMap<Integer, String> chunks = new TreeMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      Matcher m = CHUNK.matcher(e.getKey());
      if (m.matches()) chunks.put(Integer.parseInt(m.group(1)), e.getValue());
    }
    if (chunks.isEmpty()) return Optional.empty();
    try {
      String lua = new String(Base64.getMimeDecoder().decode(String.join("", chunks.values())), StandardCharsets.UTF_8);
      return Optional.of(parse(lua));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /** Parses the decoded Lua text. */
  public static LmodModuleTable parse(String lua) {
    Map<String, Object> top = LuaTable.parseAssignment(lua);
    List<Entry> entries = new ArrayList<>();
    if (top.get("mT") instanceof Map<?, ?> mt) {
      for (Object v : mt.values()) {
        if (!(v instanceof Map<?, ?> m) || !(m.get("fullName") instanceof String full)) continue;
        Object status = m.get("status");
        if (status != null && !"active".equals(status)) continue;
        entries.add(new Entry(full, m.get("fn") instanceof String fn ? fn : null, number(m.get("loadOrder")),
            number(m.get("stackDepth"))));
      }
    }
    entries.sort(Comparator.comparingInt(Entry::loadOrder));
    List<String> base = new ArrayList<>();
    if (top.get("systemBaseMPATH") instanceof String b) {
      for (String p : b.split(":")) if (!p.isEmpty()) base.add(p);
    }
    return new LmodModuleTable(List.copyOf(entries), List.copyOf(base));
  }

  private static int number(Object o) {
    try {
      return o instanceof String s ? Integer.parseInt(s) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Optional<Entry> find(String fullName) {
    return modules.stream().filter(e -> e.fullName().equals(fullName)).findFirst();
  }
}
