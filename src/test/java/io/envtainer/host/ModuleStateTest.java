package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.modules.ModuleRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Module state from an environment recorded in a real Lmod 8.6 shell, and from Environment Modules' variables. */
@Tag("unit")
class ModuleStateTest {

  @Test
  void lmodSessionKeepsUserLoadedModulesAndTheUsedPath() {
    ModuleState s = ModuleState.fromEnvironment(RecordedEnv.load("lmod-8.6-session/env.txt"));
    assertEquals(ModuleState.Tool.LMOD, s.tool());
    assertEquals(List.of("GCCcore/12.2.0", "Python/3.11.2-GCCcore-12.2.0", "GCC/12.2.0", "OpenMPI/4.1.4-GCC-12.2.0"),
        s.loaded().stream().map(LoadedModule::fullName).toList());
    assertEquals("/tmp/hostexp/modules/all/GCC/12.2.0.lua", s.loaded().get(2).file());
    assertEquals(List.of("Python/3.11.2-GCCcore-12.2.0", "OpenMPI/4.1.4-GCC-12.2.0"),
        s.toModuleList().modules().stream().map(ModuleRef::fullName).toList());
    assertEquals(List.of("/tmp/hostexp/modules/all"), s.usedModulePath());
    assertEquals(3, s.modulePath().size());
  }

  @Test
  void lmodTableIsDecodedFromItsBase64Chunks() {
    LmodModuleTable t = LmodModuleTable.fromEnvironment(RecordedEnv.load("lmod-8.6-session/env.txt")).orElseThrow();
    assertEquals(4, t.modules().size());
    assertEquals(new LmodModuleTable.Entry("OpenMPI/4.1.4-GCC-12.2.0", "/tmp/hostexp/modules/all/OpenMPI/4.1.4-GCC-12.2.0.lua",
        4, 0), t.modules().get(3));
    assertEquals(List.of("/etc/lmod/modules", "/usr/share/lmod/lmod/modulefiles"), t.systemBaseModulePath());
  }

  @Test
  void environmentModulesMarksAutoLoadedDependencies() {
    ModuleState s = ModuleState.fromEnvironment(Map.of("MODULESHOME", "/usr/share/modules", "MODULEPATH", "/sw/modulefiles",
        "LOADEDMODULES", "gcc/12.2.0:openmpi/4.1.4", "_LMFILES_", "/sw/modulefiles/gcc/12.2.0:/sw/modulefiles/openmpi/4.1.4",
        "__MODULES_LMNOTUASKED", "gcc/12.2.0"));
    assertEquals(ModuleState.Tool.ENVIRONMENT_MODULES, s.tool());
    assertFalse(s.loaded().get(0).userLoaded());
    assertTrue(s.loaded().get(1).userLoaded());
    assertEquals("/sw/modulefiles/openmpi/4.1.4", s.loaded().get(1).file());
    assertEquals(List.of("/sw/modulefiles"), s.usedModulePath(), "no base path known: every entry is kept");
  }

  @Test
  void terseListAsLmodPrintedIt() {
    assertEquals(List.of("GCCcore/12.2.0", "Python/3.11.2-GCCcore-12.2.0", "GCC/12.2.0", "OpenMPI/4.1.4-GCC-12.2.0"),
        ModuleState.parseTerseList(RecordedHost.resource("lmod-8.6-session/module--terse-list.stderr")));
    assertEquals(List.of(), ModuleState.parseTerseList("No modules loaded\n"));
  }

  @Test
  void noModules() {
    ModuleState s = ModuleState.fromEnvironment(Map.of("PATH", "/usr/bin"));
    assertEquals(ModuleState.Tool.NONE, s.tool());
    assertTrue(s.isEmpty());
  }
}
