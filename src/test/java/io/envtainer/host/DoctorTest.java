package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.plan.BindMount;
import io.envtainer.site.SiteProfile;
import io.envtainer.site.SiteProfiles;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DoctorTest {

  @Test
  void crayProfileOnAHostWithoutCrayReportsEachMissingBindWithItsLine() throws Exception {
    SiteProfile cray = SiteProfiles.bundled().require("cray-mpich-slingshot");
    MpiInstallation host = MpiCompatibilityTest.host(MpiFamily.CRAY_MPICH, "8.1.27", "libmpi.so.12");
    Doctor.Report r = Doctor.check(cray, new Doctor.ImageFacts(MpiFamily.MPICH, "4.0.2", MpiMode.BIND, "2.36", List.of()),
        host, "2.26", p -> p.startsWith("/opt/cray"));
    assertTrue(r.failed());
    Finding spool = r.findings().stream().filter(f -> f.message().contains("/var/spool/slurmd")).findFirst().orElseThrow();
    assertEquals("bind-source", spool.code());
    assertEquals("bundled:cray-mpich-slingshot.yaml", spool.where().file().toString());
    assertTrue(spool.where().line() > 0, spool.toString());
    assertTrue(r.findings().stream().noneMatch(f -> f.message().contains("bind source /opt/cray ")), r.render());
  }

  @Test
  void openMpiImageOnAnMpichHostFails() throws Exception {
    SiteProfile local = SiteProfiles.bundled().require("local-test");
    MpiInstallation host = MpiCompatibilityTest.host(MpiFamily.MPICH, "4.0.2", "libmpich.so.12");
    Doctor.Report r = Doctor.check(local, new Doctor.ImageFacts(MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID, null, List.of()),
        host, null, p -> true);
    assertTrue(r.failed());
    assertTrue(r.render().contains("error: [mpi-abi]"), r.render());
    assertTrue(r.render().contains("error: [site-host] profile 'local-test' expects Open MPI but this host runs MPICH"), r.render());
    assertTrue(r.render().endsWith("2 error(s), 0 warning(s)\n"), r.render());
  }

  @Test
  void matchingHybridSetupPasses() throws Exception {
    MpiInstallation host = MpiCompatibilityTest.host(MpiFamily.OPENMPI, "4.1.4", "libmpi.so.40");
    Set<Path> present = Set.of(Path.of("/scratch"));
    Doctor.Report r = Doctor.check(SiteProfiles.bundled().require("local-test"), new Doctor.ImageFacts(MpiFamily.OPENMPI,
        "4.1.4", MpiMode.HYBRID, null, List.of(new BindMount("/scratch", "/scratch", false, "spec"))), host, null, present::contains);
    assertFalse(r.failed(), r.render());
    assertTrue(r.render().contains("ok: [bind-source] all 1 bind sources exist"), r.render());
  }
}
