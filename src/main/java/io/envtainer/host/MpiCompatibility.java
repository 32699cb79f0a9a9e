package io.envtainer.host;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an image's MPI and the host's can run one job together, with one explained finding per rule:
 * <ul>
 *   <li>ABI family: Open MPI (libmpi.so.40) and the MPICH ABI (libmpi.so.12: MPICH, Intel MPI, Cray MPICH, MVAPICH)
 *       never mix;
 *   <li>MPICH ABI members are interchangeable from MPICH 3.1, Intel MPI 5.0, Cray MPICH 7.0, MVAPICH2 2.0 on;
 *   <li>Open MPI: same major.minor is fine; another minor of the same major, or 4 with 5 (C ABI kept, mixing in a job
 *       not guaranteed), is a warning; any other pair of majors is an error;
 *   <li>bind mode: the image's glibc must be at least the newest GLIBC_x.y the host MPI libraries need.
 * </ul>
 */
public final class MpiCompatibility {
  private MpiCompatibility() {}

  /**
   * The image side.
   *
   * @param version in hybrid mode the image's MPI version; in bind mode the version the application was built
   *     against, or null
   * @param glibc the image's glibc version ({@code 2.36}), or null when unknown
   */
  public record ImageMpi(MpiFamily family, String version, MpiMode mode, String glibc) {}

  /**
   * @param host the probed host MPI, or null when none was found
   * @param hostGlibcNeeded the newest GLIBC version libmpi and its bound closure need ({@link ElfVersionNeeds}), or null
   */
  public static List<Finding> check(ImageMpi image, MpiInstallation host, String hostGlibcNeeded) {
    List<Finding> out = new ArrayList<>();
    if (image.mode() == MpiMode.NONE) {
      out.add(Finding.ok("mpi-none", "the image uses no MPI; nothing to match"));
      return out;
    }
    if (host == null) {
      out.add(Finding.error("mpi-host-missing", "no MPI found on the host (no mpirun/mpiexec on PATH, no $CRAY_MPICH_DIR or"
          + " $I_MPI_ROOT); " + image.mode().yamlName() + " mode needs the host's MPI: load its module first"));
      return out;
    }
    MpiFamily img = image.family();
    MpiFamily h = host.family();
    String hostName = h.displayName() + (host.version() != null ? " " + host.version() : "");
    if (img == null) {
      out.add(Finding.warning("mpi-family-unknown", "the image names no MPI family; the host runs " + hostName));
    } else if (img.abi() != h.abi()) {
      out.add(Finding.error("mpi-abi", "the image uses " + img.displayName() + " (" + img.abi().soname() + ") but the host runs "
          + hostName + " (" + h.abi().soname() + "): different MPI ABIs never mix; build the image for "
          + h.displayName() + " or use a site with " + img.displayName()));
      return out;
    } else if (img != h) {
      out.add(Finding.ok("mpi-abi", img.displayName() + " in the image and " + hostName + " on the host share the MPICH ABI ("
          + h.abi().soname() + "), so either library serves the other's applications"));
    }
    if (img != null && img.abi() == MpiFamily.Abi.OPENMPI) openMpi(image.version(), host.version(), image.mode(), out);
    if (h.abi() == MpiFamily.Abi.MPICH) mpichAbi(img, image.version(), host, image.mode(), out);
    if (image.mode() == MpiMode.BIND) glibc(image.glibc(), hostGlibcNeeded, host, out);
    return out;
  }

  private static void openMpi(String image, String host, MpiMode mode, List<Finding> out) {
    if (image == null || host == null) {
      out.add(Finding.warning("mpi-version-unknown", "Open MPI version unknown on the " + (image == null ? "image" : "host")
          + " side; cannot check that the two match"));
      return;
    }
    int mi = Versions.major(image);
    int mh = Versions.major(host);
    if (mi == mh && Versions.majorMinor(image).equals(Versions.majorMinor(host))) {
      out.add(Finding.ok("mpi-version", "Open MPI " + image + " in the image and " + host + " on the host are the same "
          + Versions.majorMinor(host) + " series"));
    } else if (mi == mh) {
      out.add(Finding.warning("mpi-version", "Open MPI " + image + " in the image and " + host + " on the host differ in minor"
          + " version; Open MPI does not guarantee mixing versions in one job"));
    } else if (Math.min(mi, mh) == 4 && Math.max(mi, mh) == 5) {
      out.add(Finding.warning("mpi-version", "Open MPI " + image + " in the image and " + host + " on the host: 5.0 keeps the C ABI"
          + " of 4.x applications, but " + (mode == MpiMode.HYBRID ? "a 4.x library under a 5.0 launcher (or the reverse)"
          + " is not supported" : "C++ and Fortran bindings may not match") + "; prefer the host's major version"));
    } else {
      out.add(Finding.error("mpi-version", "Open MPI " + image + " in the image and " + host + " on the host: majors " + mi
          + " and " + mh + " are not binary compatible; use Open MPI " + mh + " in the image"));
    }
  }

  private static void mpichAbi(MpiFamily img, String imageVersion, MpiInstallation host, MpiMode mode, List<Finding> out) {
    String min = switch (host.family()) {
      case MPICH -> "3.1";
      case INTEL_MPI -> "5.0";
      case CRAY_MPICH -> "7.0";
      case MVAPICH -> "2.0";
      default -> null;
    };
    if (host.version() != null && min != null && Versions.compare(host.version(), min) < 0) {
      out.add(Finding.error("mpi-version", host.family().displayName() + " " + host.version() + " predates the MPICH ABI"
          + " (libmpi.so.12 from " + host.family().displayName() + " " + min + "); update the host MPI"));
    }
    if (mode == MpiMode.HYBRID && img == host.family() && imageVersion != null && host.version() != null
        && Versions.major(imageVersion) != Versions.major(host.version())) {
      out.add(Finding.warning("mpi-version", host.family().displayName() + " " + imageVersion + " in the image and "
          + host.version() + " on the host: the ABI is kept, but the launcher and library must speak the same PMI"));
    }
    if (host.libmpiName() != null && !host.libmpiName().equals(host.abiSoname()) && host.libmpiName().endsWith(".so.12")) {
      out.add(Finding.ok("mpi-soname", "the host names its library " + host.libmpiName() + "; bind mode also binds it as "
          + host.abiSoname() + ", the name applications ask for"));
    }
  }

  private static void glibc(String imageGlibc, String needed, MpiInstallation host, List<Finding> out) {
    if (needed == null) {
      out.add(Finding.warning("glibc-unknown", "could not read which glibc the host MPI libraries need"
          + (host.libmpi() == null ? " (libmpi not found)" : "")));
    } else if (imageGlibc == null) {
      out.add(Finding.warning("glibc-unknown", "the host MPI libraries need glibc " + needed + " or newer; the image's glibc"
          + " is unknown, so this cannot be checked"));
    } else if (Versions.compare(imageGlibc, needed) < 0) {
      out.add(Finding.error("glibc", "bind mode loads the host MPI libraries with the image's glibc " + imageGlibc
          + ", but they need GLIBC_" + needed + "; use a base image with glibc " + needed + " or newer, or hybrid mode"));
    } else {
      out.add(Finding.ok("glibc", "the image's glibc " + imageGlibc + " satisfies the host MPI libraries (need " + needed + ")"));
    }
  }
}
