package io.envtainer.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.plan.MpiPlan;
import io.envtainer.plan.SiteFacts;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SpecException;
import io.envtainer.testing.TestModuleTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class SiteProfilesTest {
  static final List<String> REQUIRED = List.of("cray-mpich-slingshot", "foss-2022a-cluster", "generic-mpich",
      "generic-openmpi4", "generic-openmpi5", "local-test");

  @Test
  void everyRepositoryRecipeLoadsAndTheJarCarriesTheSameOnes() throws Exception {
    SiteProfiles repo = SiteProfiles.directory(TestModuleTree.repoRoot().resolve("recipes"));
    SiteProfiles bundled = SiteProfiles.bundled();
    List<String> names = repo.list().stream().map(SiteProfile::name).toList();
    assertTrue(names.containsAll(REQUIRED), names.toString());
    assertEquals(names, bundled.list().stream().map(SiteProfile::name).toList());
    for (String n : names) assertEquals(repo.entry(n).orElseThrow().yaml(), bundled.entry(n).orElseThrow().yaml(), n);
    assertTrue(bundled.entry("local-test").orElseThrow().bundled());
  }

  @Test
  void crayProfileIsBindModeWithTheMpichAbi() throws Exception {
    SiteProfile p = SiteProfiles.bundled().require("cray-mpich-slingshot");
    assertEquals(MpiFamily.CRAY_MPICH, p.mpi().family());
    assertEquals("libmpi.so.12", p.mpi().abi());
    assertEquals(MpiMode.BIND, p.mpi().mode());
    assertTrue(p.mpi().bindDirectories().contains("/opt/cray"));
    assertTrue(p.mpi().bindDirectories().contains("/var/spool/slurmd"));
    assertEquals("srun --mpi=cray_shasta apptainer exec {image} {command}", p.launchers().get(0).command());
    SiteFacts f = SiteFactsAdapter.of(p);
    assertTrue(f.mpiBinds().stream().anyMatch(b -> b.source().equals("/usr/lib64/libcxi.so.1")
        && b.target().equals(SiteProfile.HOST_LIB_DIR + "/libcxi.so.1")), f.mpiBinds().toString());
    assertTrue(f.mpiLibraryPath().contains(SiteProfile.HOST_LIB_DIR));
    assertEquals("cxi", f.env().get(0).value());
  }

  @Test
  void fossProfileBindsTheModuleRootAndBuildsOpenMpiFromSource() throws Exception {
    SiteFacts f = SiteFactsAdapter.of(SiteProfiles.bundled().require("foss-2022a-cluster"));
    assertEquals(MpiFamily.OPENMPI, f.mpiFamily());
    assertEquals("4.1.4", f.mpiVersion());
    assertEquals(MpiPlan.Install.SOURCE, f.mpiInstall());
    assertEquals("/apps/modules/all", f.modulePath());
    assertTrue(f.binds().stream().anyMatch(b -> b.source().equals("/apps") && b.reason().equals("modules")));
    assertTrue(f.launchers().contains("srun --mpi=pmix apptainer exec {image} {command}"));
  }

  @Test
  void probedBindsAreAddedOnlyWhenTheProfileAsks(@TempDir Path dir) throws Exception {
    var probed = List.of(new io.envtainer.plan.BindMount("/lib/x86_64-linux-gnu/libhwloc.so.15",
        SiteProfile.HOST_LIB_DIR + "/libhwloc.so.15", true, "mpi"));
    SiteFacts local = SiteFactsAdapter.of(SiteProfiles.bundled().require("local-test"), probed, List.of(SiteProfile.HOST_LIB_DIR));
    assertTrue(local.mpiBinds().containsAll(probed));
    SiteFacts cray = SiteFactsAdapter.of(SiteProfiles.bundled().require("cray-mpich-slingshot"), probed, List.of());
    assertTrue(cray.mpiBinds().stream().noneMatch(probed::contains));
  }

  @Test
  void aDirectoryProfileHidesTheBundledOneAndEnvPicksTheDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("local-test.yaml"), "name: local-test\nmpi:\n  family: mpich\n");
    SiteProfiles r = SiteProfiles.load(null, Map.of("ENVTAINER_RECIPES", dir.toString()));
    assertEquals(MpiFamily.MPICH, r.require("local-test").mpi().family());
    assertTrue(r.find("generic-openmpi4").isPresent());
    SpecException e = assertThrows(SpecException.class, () -> r.require("nope"));
    assertTrue(e.getMessage().contains("known: local-test"), e.getMessage());
  }

  @Test
  void strictValidationSaysWhereAndWhat() {
    assertError("name: x\nmpi:\n  family: lam-mpi\n", "x.yaml:3:11: error: expected an MPI family, found 'lam-mpi'");
    assertError("name: x\nmpi:\n  family: openmpi\n  colour: red\n", "x.yaml:4:3: error: unknown key 'colour' in mpi");
    assertError("name: x\nmpi:\n  family: openmpi\n  abi: libmpi.so.12\n", "x.yaml:4:8: error: expected abi libmpi.so.40");
    assertError("name: x\nbinds: relative/dir\n", "x.yaml:2:8: error: expected binds to be a list");
    assertError("name: x\nbinds:\n  - relative/dir\n", "x.yaml:3:5: error: expected an absolute path");
    assertError("name: y\n", "x.yaml:1:7: error: expected name 'x' (the file's name), found 'y'");
    assertError("name: x\nmpi:\n  family: mpich\n  mode: turbo\n", "x.yaml:4:9: error: expected mpi.mode to be hybrid, bind or none");
    assertError("name: x\nlaunchers:\n  - name: a\n    command: srun app\n",
        "x.yaml:4:14: error: expected the launcher line to contain {image} and {command}");
    assertError("name: x\nenv:\n  A: [1, 2]\n", "x.yaml:3:6: error: expected env.A to be a single value");
  }

  private static void assertError(String yaml, String expectedStart) {
    SpecException e = assertThrows(SpecException.class, () -> SiteProfileLoader.parse(Path.of("x.yaml"), yaml));
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }
}
