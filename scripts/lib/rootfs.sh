# shellcheck shell=bash
# Helpers to make Debian root filesystems with debootstrap. Sourced by setup.sh after common.sh.

# make_root SUITE DIR [PACKAGE,...]: a minbase root of SUITE at DIR (built in DIR.partial, then moved).
make_root() {
  local suite=$1 dir=$2 include=${3:-}
  rm -rf "$dir.partial"
  debootstrap --variant=minbase ${include:+--include="$include"} "$suite" "$dir.partial" "$ENVTAINER_MIRROR"
  mv "$dir.partial" "$dir"
}

# in_chroot DIR CMD...: CMD in a chroot with /proc mounted, in a private mount namespace (no leftovers).
in_chroot() {
  local dir=$1; shift
  # shellcheck disable=SC2016  # expanded by the inner bash
  unshare --mount --propagation private -- bash -c '
    mount -t proc proc "$1/proc" && dir=$1 && shift && exec chroot "$dir" "$@"' _ "$dir" \
    env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# chroot_apt DIR APT-GET-ARGS...: apt-get inside the root, never prompting, never installing recommends.
chroot_apt() {
  local dir=$1; shift
  in_chroot "$dir" apt-get -o DPkg::Lock::Timeout=900 -o APT::Install-Recommends=false -y -q "$@"
}

# slim_root DIR: drops apt lists and caches, docs, man pages, translations and logs; empties /dev and /tmp.
slim_root() {
  local dir=$1
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/* "$dir"/var/cache/debconf/*-old \
    "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/var/log/*
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
  find "$dir/dev" "$dir/tmp" "$dir/run" -mindepth 1 -delete 2>/dev/null || true
}
