# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings are used by the scripts that source this file
# Shared settings for the harness scripts: where the cache lives, logging, step timing.
# Sourced, never run. Callers set `set -euo pipefail` themselves.

ENVTAINER_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENVTAINER_CACHE=${ENVTAINER_CACHE:-$ENVTAINER_REPO/.cache}
ENVTAINER_MIRROR=${ENVTAINER_MIRROR:-http://deb.debian.org/debian}

# The Apptainer root (Debian trixie + apptainer from sid) and the user that runs apptainer in it.
ROOT_DIR=$ENVTAINER_CACHE/apptainer-root
ROOT_USER=envtainer
ROOT_UID=1500
ROOT_GID=1500

IMAGES_DIR=$ENVTAINER_CACHE/images
LOG_DIR=$ENVTAINER_CACHE/logs
REGISTRY_DIR=$ENVTAINER_CACHE/registry
REGISTRY_ADDR=127.0.0.1:5000
# A second registry that wants a login (htpasswd, user envtainer): for the credential tests.
AUTH_REGISTRY_DIR=$ENVTAINER_CACHE/registry-auth
AUTH_REGISTRY_ADDR=127.0.0.1:5001
PODMAN_SOCKET=/run/podman/podman.sock

APT_OPTS=(-o DPkg::Lock::Timeout=900 -y -q)

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# run_logged NAME CMD...: runs CMD with its output in $LOG_DIR/NAME.log; on failure prints the tail.
run_logged() {
  local name=$1; shift
  local log=$LOG_DIR/$name.log
  mkdir -p "$LOG_DIR"
  if ! "$@" >"$log" 2>&1; then
    say "FAILED: $name (last lines of $log):"
    tail -n 30 "$log" >&2
    return 1
  fi
}

# step NAME FUNCTION [ARGS...]: runs a setup step and prints how long it took.
step() {
  local name=$1; shift
  local start=$SECONDS
  say "step $name ..."
  "$@"
  say "step $name done in $((SECONDS - start)) s"
}
