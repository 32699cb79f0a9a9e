package io.envtainer.plan;

import java.util.List;

/** Shell that installs distribution packages on whichever of apt, dnf, yum or zypper the base image has. */
final class PackageManager {
  private PackageManager() {}

  /** Packages by family: Debian/Ubuntu names and RHEL/SUSE names. */
  record Packages(List<String> apt, List<String> rpm) {}

  static final Packages COMPILERS = new Packages(List.of("build-essential", "python3-dev"),
      List.of("gcc", "gcc-c++", "make", "python3-devel"));

  static List<String> install(Packages p) {
    String apt = Shell.words(p.apt());
    String rpm = Shell.words(p.rpm());
    return List.of(
        "if command -v apt-get >/dev/null 2>&1; then",
        "    export DEBIAN_FRONTEND=noninteractive",
        "    apt-get -o APT::Sandbox::User=root update -q && apt-get -o APT::Sandbox::User=root install -y -q --no-install-recommends " + apt,
        "    rm -rf /var/lib/apt/lists/*",
        "elif command -v dnf >/dev/null 2>&1; then dnf install -y " + rpm + " && dnf clean all",
        "elif command -v yum >/dev/null 2>&1; then yum install -y " + rpm + " && yum clean all",
        "elif command -v zypper >/dev/null 2>&1; then zypper --non-interactive install " + rpm,
        "else echo 'envtainer: no apt-get, dnf, yum or zypper in the base image to install: " + String.join(" ", p.apt())
            + "' >&2; exit 1",
        "fi");
  }

  /** Downloads {@code url} to {@code file} with curl, wget or python3, then checks its sha256. */
  static List<String> download(String url, String sha256, String file) {
    String u = Shell.quote(url);
    String f = Shell.quote(file);
    return List.of(
        "if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o " + f + " " + u,
        "elif command -v wget >/dev/null 2>&1; then wget -q -O " + f + " " + u,
        "elif command -v python3 >/dev/null 2>&1; then python3 -c 'import sys, urllib.request; "
            + "urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' " + u + " " + f,
        "else echo 'envtainer: no curl, wget or python3 in the base image to download " + url + "' >&2; exit 1",
        "fi",
        "echo " + Shell.quote(sha256 + "  " + file) + " | sha256sum -c -");
  }
}
