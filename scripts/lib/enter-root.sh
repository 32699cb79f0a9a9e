#!/usr/bin/env bash
# enter-root.sh CMD [ARGS...]: runs CMD inside the Apptainer root (Debian trixie, see setup.sh) as the
# unprivileged user, in the caller's working directory, passing stdio and the exit code through.
#
# How: a new mount and PID namespace (unshare), the root bound onto itself, the host's /work, /tmp,
# repository and image cache bound at the SAME paths inside, /dev and /sys bound, pivot_root into it,
# a fresh /proc, the old root lazily unmounted, then privileges dropped with setpriv.
# Apptainer needs this instead of chroot: it refuses a "weak chrooted environment" and wants /tmp to be
# a mount point. The host's /tmp is bound as /tmp, so it is shared by all calls (MPI session dirs).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Host directories visible at the same path inside: the usual places plus ENVTAINER_ROOT_BINDS (a:b:c).
bind_candidates() {
  printf '%s\n' /work /tmp "$ENVTAINER_REPO" "$IMAGES_DIR" "$PWD"
  local extra
  IFS=: read -r -a extra <<<"${ENVTAINER_ROOT_BINDS:-}"
  if ((${#extra[@]})); then printf '%s\n' "${extra[@]}"; fi
}

# Keeps existing directories that are not system paths of the root and not inside an earlier bind.
select_binds() {
  local path kept=()
  while IFS= read -r path; do
    [[ -n $path && -d $path ]] || continue
    path=$(realpath "$path")
    case $path in
      / | /bin* | /boot* | /dev* | /etc* | /lib* | /proc* | /run* | /sbin* | /sys* | /usr* | /var/lib* | "$ROOT_DIR"*) continue ;;
    esac
    local k covered=0
    for k in "${kept[@]}"; do [[ $path == "$k" || $path == "$k"/* ]] && covered=1; done
    ((covered)) || kept+=("$path")
  done < <(bind_candidates | awk '{ print length, $0 }' | sort -n | cut -d' ' -f2-)
  printf '%s\n' "${kept[@]}"
}

inside() {
  local cwd=$PWD
  mount --make-rprivate /
  mount --bind "$ROOT_DIR" "$ROOT_DIR"
  local dir
  while IFS= read -r dir; do
    mkdir -p "$ROOT_DIR$dir"
    mount --rbind "$dir" "$ROOT_DIR$dir"
  done < <(select_binds)
  mount --rbind /dev "$ROOT_DIR/dev"
  mount --rbind /sys "$ROOT_DIR/sys"
  cd "$ROOT_DIR"
  pivot_root . .old-root
  mount -t proc proc /proc
  umount -l /.old-root
  cd "$cwd" 2>/dev/null || { echo "enter-root: $cwd is not visible inside the Apptainer root; running in /" >&2; cd /; }

  # A clean, predictable environment for the user; everything else of the caller's passes through.
  local home=/home/$ROOT_USER
  unset TMPDIR XDG_RUNTIME_DIR XDG_CONFIG_HOME XDG_CACHE_HOME XDG_DATA_HOME LC_ALL LANGUAGE
  export HOME=$home USER=$ROOT_USER LOGNAME=$ROOT_USER LANG=C.UTF-8
  export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  # Not exec: bash stays PID 1 of the namespace and reports the command's exit code.
  set +e
  setpriv --reuid="$ROOT_UID" --regid="$ROOT_GID" --clear-groups --inh-caps=-all -- "$@"
  exit $?
}

if [[ ${1:-} == --inside ]]; then
  shift
  inside "$@"
fi

(($#)) || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
[[ -f $ROOT_DIR/.ready ]] || { echo "enter-root: no Apptainer root at $ROOT_DIR; run scripts/setup.sh first" >&2; exit 127; }
[[ $(id -u) == 0 ]] || { echo "enter-root: must run as root (it makes namespaces and mounts)" >&2; exit 126; }
# --kill-child: if this process dies (e.g. a test times out), the whole namespace dies with it.
exec unshare --mount --pid --fork --kill-child --propagation private "${BASH_SOURCE[0]}" --inside "$@"
