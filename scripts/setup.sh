#!/usr/bin/env bash
# setup.sh: installs, builds and starts the real tools the integration tests use. Idempotent: a second
# run reuses everything under the cache (${ENVTAINER_CACHE:-<repo>/.cache}) and only restarts services
# that are not answering. Needs root and Debian 12 (bookworm); reaches only Debian's apt mirror.
#
#   host packages   podman + runc, docker-registry, skopeo, umoci, siftool, squashfs-tools, debootstrap,
#                   lmod, Open MPI and MPICH (bookworm), python3-six and python3-numpy (the test module python's)
#   apptainer-root  Debian trixie + apptainer 1.4 (sid) + Open MPI 5 + mpi4py, run through scripts/apptainer
#   images          python-base (bookworm + python3, venv, pip, numpy), mpi-base (trixie + python3, venv, pip,
#                   mpi4py, Open MPI 5) and python-trixie (trixie + python3, venv, pip; no MPI: the runtime base of
#                   bind-mode images), each as docker-archive.tar and oci-archive.tar, loaded into podman
#   services        podman's Docker API on unix:///run/podman/podman.sock, a registry on 127.0.0.1:5000 and one
#                   that wants a login on 127.0.0.1:5001 (user envtainer, password in the cache's registry-auth/)
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/rootfs.sh
source "$ENVTAINER_REPO/scripts/lib/rootfs.sh"

HOST_PACKAGES=(
  podman runc conmon catatonit uidmap containernetworking-plugins iptables
  docker-registry skopeo umoci siftool squashfs-tools debootstrap
  lmod openmpi-bin libopenmpi-dev mpich python3 python3-venv python3-six python3-numpy curl ca-certificates iproute2
)
# A recipe change (these strings) rebuilds the matching cached root; the marker file holds the recipe.
APPTAINER_ROOT_RECIPE="v1 trixie apptainer(sid) openmpi-bin python3-mpi4py squashfuse fuse2fs gocryptfs"
PYTHON_BASE_PACKAGES=python3,python3-venv,python3-pip,python3-numpy
MPI_BASE_PACKAGES=python3,python3-venv,python3-pip,python3-mpi4py,openmpi-bin
# trixie's UCX pulls in AMD ROCm and LLVM (240 MB) for GPU transports no test has: their files go, the
# packages stay registered (UCX skips the ROCm modules it cannot load).
MPI_BASE_DROP="usr/lib/x86_64-linux-gnu/libLLVM*.so* usr/lib/x86_64-linux-gnu/libamd_comgr.so*
  usr/lib/x86_64-linux-gnu/libamdhip64.so* usr/lib/x86_64-linux-gnu/libz3.so* usr/lib/x86_64-linux-gnu/ucx/*rocm*"
PYTHON_TRIXIE_PACKAGES=python3,python3-venv,python3-pip
PYTHON_BASE_NAME=localhost/envtainer/python-base:test
MPI_BASE_NAME=localhost/envtainer/mpi-base:test
PYTHON_TRIXIE_NAME=localhost/envtainer/python-trixie:test

# ---------------------------------------------------------------- host

install_host_packages() {
  local missing=() pkg
  for pkg in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  command -v mvn >/dev/null || missing+=(maven openjdk-17-jdk-headless)
  if ((${#missing[@]} == 0)); then
    say "host packages already installed"
    return
  fi
  say "installing: ${missing[*]}"
  # The lists lock is not covered by DPkg::Lock::Timeout: retry if another apt-get holds it.
  local try
  for try in 1 2 3 4 5; do
    run_logged apt-update apt-get -o DPkg::Lock::Timeout=900 -q update && break
    ((try < 5)) || die "apt-get update failed"
    sleep 20
  done
  run_logged apt-install env DEBIAN_FRONTEND=noninteractive \
    apt-get "${APT_OPTS[@]}" install --no-install-recommends "${missing[@]}"
}

configure_host() {
  # crun and systemd cgroups fail here (no CAP_SYS_RESOURCE, hybrid cgroups): runc, cgroupfs, fixed ulimits.
  local conf=/etc/containers/containers.conf
  local want
  want=$(printf '%s\n' '# Written by envtainer scripts/setup.sh' '[containers]' \
    'default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]' '' \
    '[engine]' 'cgroup_manager = "cgroupfs"' 'runtime = "runc"')
  if [[ ! -f $conf || $(cat "$conf") != "$want" ]]; then
    mkdir -p /etc/containers
    [[ -f $conf ]] && cp "$conf" "$conf.before-envtainer"
    printf '%s\n' "$want" >"$conf"
  fi
  # Apptainer mounts SIF images with squashfuse from an unprivileged user namespace: /dev/fuse must be
  # usable by everyone, as udev makes it on a normal Debian system.
  if [[ -c /dev/fuse ]]; then chmod 0666 /dev/fuse; fi
  mkdir -p "$ENVTAINER_CACHE" "$IMAGES_DIR" "$LOG_DIR" "$REGISTRY_DIR"
}

# ---------------------------------------------------------------- Apptainer root

build_apptainer_root() {
  if [[ -f $ROOT_DIR/.ready && $(cat "$ROOT_DIR/.ready") == "$APPTAINER_ROOT_RECIPE" ]]; then
    say "apptainer root is cached at $ROOT_DIR"
    return
  fi
  local dir=$ROOT_DIR.stage
  rm -rf "$ROOT_DIR" "$dir"
  run_logged apptainer-root-debootstrap make_root trixie "$dir"
  printf 'deb %s trixie main\ndeb %s sid main\n' "$ENVTAINER_MIRROR" "$ENVTAINER_MIRROR" >"$dir/etc/apt/sources.list"
  rm -f "$dir"/etc/apt/sources.list.d/*
  # The mirror's sid Release file is past its Valid-Until date.
  printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Default-Release "trixie";' \
    >"$dir/etc/apt/apt.conf.d/90envtainer"
  run_logged apptainer-root-apt-update chroot_apt "$dir" update
  run_logged apptainer-root-apptainer chroot_apt "$dir" install -t unstable apptainer
  run_logged apptainer-root-packages chroot_apt "$dir" install \
    openmpi-bin python3 python3-mpi4py squashfuse fuse2fs gocryptfs
  # Apptainer runs as this unprivileged user (as root it asks for CAP_SYS_RESOURCE, which is missing).
  in_chroot "$dir" groupadd -g "$ROOT_GID" "$ROOT_USER"
  in_chroot "$dir" useradd -m -u "$ROOT_UID" -g "$ROOT_GID" -s /bin/bash "$ROOT_USER"
  printf '%s:100000:65536\n' "$ROOT_USER" | tee "$dir/etc/subuid" >"$dir/etc/subgid"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$dir/etc/hosts"
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || : >"$dir/etc/resolv.conf"
  mkdir -p "$dir/.old-root"
  # Host paths under /root (a clone there) are bound below the root's /root: let the user pass through.
  chmod 0711 "$dir/root"
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb
  printf '%s\n' "$APPTAINER_ROOT_RECIPE" >"$dir/.ready"
  mv "$dir" "$ROOT_DIR"
}

# ---------------------------------------------------------------- test base images

# build_image NAME SUITE PACKAGES IMAGE-NAME [DROP-GLOBS]: a minbase root (less the files matching
# DROP-GLOBS, relative to the root) packed as docker-archive.tar and oci-archive.tar.
build_image() {
  local name=$1 suite=$2 packages=$3 image=$4 drop=${5:-}
  local dir=$IMAGES_DIR/$name recipe
  recipe="v1 $suite $packages $image ${drop//[[:space:]]/ }"
  if [[ -f $dir/.ready && $(cat "$dir/.ready") == "$recipe" ]]; then
    say "image $name is cached at $dir"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  run_logged "image-$name-debootstrap" make_root "$suite" "$dir/rootfs" "$packages"
  slim_root "$dir/rootfs"
  local globs glob path
  read -r -d '' -a globs <<<"$drop" || true
  for glob in "${globs[@]}"; do
    # shellcheck disable=SC2231  # the glob is meant to expand
    for path in "$dir"/rootfs/$glob; do rm -rf -- "$path"; done
  done
  run_logged "image-$name-pack" "$ENVTAINER_REPO/scripts/lib/pack-image.sh" "$dir/rootfs" "$dir" "$image"
  printf '%s\n' "$recipe" >"$dir/.ready"
  touch "$IMAGES_DIR/.rebuilt"
}

# After an image was rebuilt, apptainer's blob cache holds layers no test will use again.
clean_apptainer_cache() {
  [[ -f $IMAGES_DIR/.rebuilt ]] || return 0
  run_logged apptainer-cache-clean "$ENVTAINER_REPO/scripts/apptainer" cache clean --force
  rm -f "$IMAGES_DIR/.rebuilt"
}

# load_image NAME: loads the docker archive into podman's store unless that exact image is there.
load_image() {
  local dir=$IMAGES_DIR/$1
  local image id old
  image=$(cat "$dir/image-name")
  id=$(cat "$dir/image-id")
  old=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  if [[ $old == "${id#sha256:}" ]]; then
    say "podman already has $image"
    return
  fi
  run_logged "podman-load-$1" podman load -i "$dir/docker-archive.tar"
  # The image the name pointed at before (an older build) is left untagged: drop it.
  if [[ -n $old ]]; then podman rmi "$old" >/dev/null 2>&1 || true; fi
}

# ---------------------------------------------------------------- services

# wait_for SECONDS CMD...: retries CMD every half second.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

podman_answers() { [[ $(curl -fsS --max-time 5 --unix-socket "$PODMAN_SOCKET" http://d/_ping 2>/dev/null) == OK ]]; }
# registry_answers ADDR: the registry at ADDR answers /v2/ (200, or 401 when it wants a login).
registry_answers() {
  local code
  code=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' "http://$1/v2/" 2>/dev/null) || return 1
  [[ $code == 200 || $code == 401 ]]
}

start_podman_service() {
  if podman_answers; then
    say "podman API already answers on $PODMAN_SOCKET"
    return
  fi
  mkdir -p "$(dirname "$PODMAN_SOCKET")"
  rm -f "$PODMAN_SOCKET"
  # Started from / so that removing this checkout later does not pull the directory from under it.
  # exec: no shell stays behind holding this script's output open (it would print "Terminated" into it later).
  (cd / && exec setsid nohup podman system service --time=0 "unix://$PODMAN_SOCKET" \
    >>"$LOG_DIR/podman-service.log" 2>&1 </dev/null) &
  wait_for 30 podman_answers || { tail -n 20 "$LOG_DIR/podman-service.log" >&2; die "podman service did not start"; }
  say "podman API answers on $PODMAN_SOCKET"
}

# login_works DIR ADDR: the registry at ADDR takes the login envtainer with the password in DIR/password.
login_works() {
  [[ -s $1/password ]] || return 1
  [[ $(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' -u "envtainer:$(cat "$1/password")" \
    "http://$2/v2/" 2>/dev/null) == 200 ]]
}

# stop_registry_on ADDR: stops the docker-registry process listening on ADDR.
stop_registry_on() {
  local pid
  for pid in $(ss -ltnpH "sport = :${1##*:}" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == docker-registry ]]; then kill "$pid"; fi
  done
  local deadline=$((SECONDS + 15))
  while registry_answers "$1"; do
    ((SECONDS < deadline)) || die "could not stop the registry on $1"
    sleep 0.5
  done
}

# start_registry DIR ADDR [htpasswd]: a local registry for tests on loopback; with "htpasswd" it wants the login
# envtainer with the password in DIR/password (made once; hashed into DIR/htpasswd by Debian's python3 with
# bcrypt cost 4: the registry checks the hash on every request).
start_registry() {
  local dir=$1 addr=$2 auth=${3:-} log
  log=$LOG_DIR/$(basename "$dir")-service.log
  if registry_answers "$addr"; then
    if [[ $auth != htpasswd ]] || login_works "$dir" "$addr"; then
      say "registry already answers on $addr"
      return
    fi
    # Another checkout's registry (another cache, another password): this cache's tests need their own.
    say "the registry on $addr does not take the login in $dir: replacing it"
    stop_registry_on "$addr"
  fi
  mkdir -p "$dir/storage"
  local auth_conf=""
  if [[ $auth == htpasswd ]]; then
    [[ -s $dir/password ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/password")
    /usr/bin/python3 -W ignore -c 'import crypt, sys
print("envtainer:" + crypt.crypt(sys.stdin.read().strip(), crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))' \
      <"$dir/password" >"$dir/htpasswd"
    auth_conf=$(printf 'auth:\n  htpasswd:\n    realm: envtainer-test\n    path: %s/htpasswd' "$dir")
  fi
  cat >"$dir/config.yml" <<EOF
# Written by envtainer scripts/setup.sh: a local registry for tests, loopback only.
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $addr
$auth_conf
EOF
  (cd / && exec setsid nohup docker-registry serve "$dir/config.yml" >>"$log" 2>&1 </dev/null) &
  wait_for 30 registry_answers "$addr" || { tail -n 20 "$log" >&2; die "registry on $addr did not start"; }
  say "registry answers on $addr${auth:+ (login required)}"
}

# ---------------------------------------------------------------- main

# The debootstraps mostly wait on the network and dpkg: run them side by side.
build_roots_in_parallel() {
  local pids=() names=(apptainer-root python-base mpi-base python-trixie) i failed=0
  step apptainer-root build_apptainer_root & pids+=($!)
  step image-python-base build_image python-base bookworm "$PYTHON_BASE_PACKAGES" "$PYTHON_BASE_NAME" & pids+=($!)
  step image-mpi-base build_image mpi-base trixie "$MPI_BASE_PACKAGES" "$MPI_BASE_NAME" "$MPI_BASE_DROP" &
  pids+=($!)
  step image-python-trixie build_image python-trixie trixie "$PYTHON_TRIXIE_PACKAGES" "$PYTHON_TRIXIE_NAME" & pids+=($!)
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { say "building ${names[$i]} failed"; failed=1; }
  done
  ((failed == 0)) || die "setup failed (logs in $LOG_DIR)"
}

main() {
  [[ $(id -u) == 0 ]] || die "run as root (it installs packages, makes namespaces and mounts)"
  local start=$SECONDS
  say "cache: $ENVTAINER_CACHE"
  mkdir -p "$LOG_DIR"
  step host-packages install_host_packages
  step configure-host configure_host
  step podman-service start_podman_service
  step registry start_registry "$REGISTRY_DIR" "$REGISTRY_ADDR"
  step registry-auth start_registry "$AUTH_REGISTRY_DIR" "$AUTH_REGISTRY_ADDR" htpasswd
  step roots build_roots_in_parallel
  step apptainer-cache-clean clean_apptainer_cache
  step podman-load-python-base load_image python-base
  step podman-load-mpi-base load_image mpi-base
  step podman-load-python-trixie load_image python-trixie
  say "setup done in $((SECONDS - start)) s"
}

main "$@"
