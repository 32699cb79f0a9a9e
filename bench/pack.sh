#!/usr/bin/env bash
# bench/pack.sh [--skip-apptainer] [--keep]: the packing benchmark from the issue.
#
# Packs one realistic environment, a Debian bookworm debootstrap root with python3, numpy, scipy, mpi4py and
# Open MPI (about 1.2 GB / 38,000 entries, built once and cached at $ENVTAINER_CACHE/bench/root), and prints
# in one run the wall time and peak RSS of:
#   envtainer cold     bin/envtainer build bench/root.yaml --env-dir ROOT --to oci-archive:... (empty cache)
#   tar -c | gzip -6   the baseline
#   apptainer build    SIF from the same directory (scripts/apptainer: Apptainer 1.4, unprivileged)
#   envtainer no-op    the same build again, nothing changed (median of 3 runs, BENCH_REPEATS)
#   envtainer rebuild  after one package changed (one .py file of python3-mpi4py gets a comment line; median of
#                      3 runs, each changing it again)
# envtainer's three runs are made twice: to an OCI archive (one file, like tar|gzip's) and to an OCI layout
# directory (oci:DIR, which `apptainer build x.sif oci:DIR` reads), each series with its own cache.
# Then the targets: envtainer cold <= 0.35 x tar|gzip -6, rebuild <= 0.1 x cold, Java heap <= 512 MB (the last
# also on a synthetic 250,000-file environment, packed with -Xmx512m and with -Xmx128m).
#
# Every tool is measured with a warm page cache (the root is read once before). Peak RSS is GNU time's %M:
# the largest single process of the command (for tar|gzip, the larger of tar and gzip), not a sum.
# Sizes are MiB. Results: printed, and appended as markdown to bench/out/results.md; the JSON reports and
# each command's log stay in bench/out/ too. The big outputs are deleted at the end unless --keep.
# Exit status: non-zero if a measured command (or `bin/envtainer --version`) failed; a missed target only
# prints FAIL. If `bin/envtainer build` does not exist yet, its rows print "not available" and the rest runs.
#
# Needs root (debootstrap, and scripts/apptainer makes namespaces) and scripts/setup.sh run once (the
# Apptainer root). ENVTAINER_BIN overrides the envtainer launcher (default bin/envtainer).
#
# Changes to the debootstrap output, both needed by the unprivileged `apptainer build` and applied to the
# cached root, so that every tool packs the same tree (slim_root is NOT used: it would drop ~300 MB of apt
# caches, docs and locales and take the root well below the issue's 1.2 GB):
#   - /dev emptied: an unprivileged copy cannot make its device nodes (apptainer fails with "copy Failed:
#     operation not permitted"); container runtimes provide /dev anyway.
#   - the 15 entries an ordinary user cannot read get o+r (directories o+rx): /etc/shadow, /etc/gshadow(-),
#     /etc/passwd-, /etc/.pwd.lock, /etc/security/opasswd, /etc/ssl/private, /root, /var/log/btmp,
#     /var/cache/ldconfig(/aux-cache), /var/cache/debconf/passwords.dat and dpkg's 3 lock files (the list is
#     printed when the root is built). Apptainer (uid 1500, no capabilities) copies the directory before
#     squashing it and stops at the first file it cannot read; no apptainer option avoids that (--fakeroot
#     fails the same way, --fix-perms only changes the image's modes).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
# shellcheck source=scripts/lib/rootfs.sh
source "$ENVTAINER_REPO/scripts/lib/rootfs.sh"

# The issue's root: python3-venv and python3-pip bring it to the 1.2 GB / 38,000 entries it names.
BENCH_PACKAGES=python3,python3-venv,python3-pip,python3-numpy,python3-scipy,python3-mpi4py,openmpi-bin
# A change of this string rebuilds the cached root (the marker file beside it holds the recipe).
BENCH_RECIPE="v1 bookworm minbase $BENCH_PACKAGES dev-emptied other-readable"
BENCH_DIR=$ENVTAINER_CACHE/bench
ROOT=$BENCH_DIR/root
BACKUP=$BENCH_DIR/changed-file.backup # the file the rebuild changes, while it is changed
OUT=$ENVTAINER_REPO/bench/out
OUT_REL=bench/out # for messages
LOGS=$OUT/logs
SPEC=$ENVTAINER_REPO/bench/root.yaml
ENVTAINER=${ENVTAINER_BIN:-$ENVTAINER_REPO/bin/envtainer}
JAVA_OPTS='-Xmx512m -Xmn160m -XX:+UseSerialGC' # bin/envtainer's default
# Rebuilds take about a second, where a busy moment of the machine shows: each is timed this many times and the
# median counts (every run of "one package changed" changes that package again).
REPEATS=${BENCH_REPEATS:-3}
APPTAINER_OUT=$OUT/apptainer # written by apptainer's unprivileged user

skip_apptainer=0 keep=0
for arg in "$@"; do
  case $arg in
    --skip-apptainer) skip_apptainer=1 ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option $arg (use --skip-apptainer, --keep)" ;;
  esac
done

# ---------------------------------------------------------------- the cached root

# Puts the changed file back (from an interrupted run too). Runs on exit, so the cached root stays pristine.
restore_changed_file() {
  [[ -f $BACKUP.path ]] || return 0
  local path
  path=$(cat "$BACKUP.path")
  cp -a "$BACKUP" "$path"
  rm -f "$BACKUP" "$BACKUP.path"
  say "restored $path"
}

build_root() {
  if [[ -d $ROOT && -f $ROOT.ready && $(cat "$ROOT.ready") == "$BENCH_RECIPE" ]]; then
    say "bench root is cached at $ROOT"
    return
  fi
  say "building the bench root (debootstrap, a few minutes): $BENCH_PACKAGES"
  local stage=$BENCH_DIR/root.stage
  rm -rf "$ROOT" "$ROOT.ready" "$stage" "$BACKUP" "$BACKUP.path"
  mkdir -p "$BENCH_DIR"
  run_logged bench-root-debootstrap make_root bookworm "$stage" "$BENCH_PACKAGES"
  find "$stage/dev" -mindepth 1 -delete
  say "made readable by all users (for the unprivileged apptainer build):"
  find "$stage" -xdev \( \( -type d ! -perm -o=rx \) -o \( ! -type d ! -type l ! -perm -o=r \) \) \
    -printf '  %m %P\n' -exec chmod o+rX {} + >&2
  mv "$stage" "$ROOT"
  printf '%s\n' "$BENCH_RECIPE" >"$ROOT.ready"
}

# ---------------------------------------------------------------- measuring

declare -A WALL RSS RC SIZE NOTE

# measure KEY OUTPUT CMD...: runs CMD under GNU time (output in $LOGS/KEY.log); records wall s, peak RSS KB,
# exit code and the size of OUTPUT. Never fails itself.
measure() {
  local key=$1 output=$2; shift 2
  local line rc=0
  say "measuring $key: $*"
  /usr/bin/time -f '%e %M' -o "$LOGS/$key.time" "$@" >"$LOGS/$key.log" 2>&1 || rc=$?
  line=$(tail -n 1 "$LOGS/$key.time")
  WALL[$key]=${line% *} RSS[$key]=${line#* } RC[$key]=$rc
  SIZE[$key]=$(du -sb "$output" 2>/dev/null | cut -f1 || echo 0)
  if ((rc != 0)); then
    NOTE[$key]="FAILED (exit $rc, see $OUT_REL/logs/$key.log)"
    say "$key FAILED (exit $rc); last lines of $LOGS/$key.log:"
    tail -n 15 "$LOGS/$key.log" >&2
  else
    say "$key: ${WALL[$key]} s, peak RSS $(mib $((RSS[$key] * 1024))) MiB, output $(mib "${SIZE[$key]}") MiB"
  fi
}

skip() { NOTE[$1]=$2; }

# envtainer_build SERIES REPORT-NAME: sets CMD to the measured envtainer command line for a series: "archive"
# (--to oci-archive:, one file like tar|gzip's) or "layout" (--to oci:DIR, what `apptainer build x.sif oci:DIR`
# reads; blobs are hard links to the layer cache, so a rebuild copies nothing). Each series has its own cache.
envtainer_build() {
  local to=oci-archive:$OUT/envtainer.tar
  [[ $1 == layout ]] && to=oci:$OUT/envtainer-layout
  CMD=(env ENVTAINER_JAVA_OPTS="$JAVA_OPTS" "$ENVTAINER" build "$SPEC" --env-dir "$ROOT"
    --to "$to" --cache "$OUT/cache-$1" --report "$OUT/$2" --quiet)
}

# series NAME OUTPUT SUFFIX: cold build (empty cache), no-op rebuild, one package changed and rebuilt.
series() {
  local name=$1 output=$2 sfx=$3 cold=cold$3
  rm -rf "$OUT/cache-$name"
  envtainer_build "$name" "report-cold$sfx.json" && measure "$cold" "$output" "${CMD[@]}"
  if ((RC[$cold] != 0)); then
    skip "noop$sfx" "skipped (the cold build failed)"
    skip "rebuild$sfx" "skipped (the cold build failed)"
    return
  fi
  local i
  for ((i = 1; i <= REPEATS; i++)); do
    envtainer_build "$name" "report-noop$sfx.json" && measure "noop$sfx.$i" "$output" "${CMD[@]}"
  done
  median "noop$sfx"
  for ((i = 1; i <= REPEATS; i++)); do
    change_one_package
    envtainer_build "$name" "report-rebuild$sfx.json" && measure "rebuild$sfx.$i" "$output" "${CMD[@]}"
    restore_changed_file
  done
  median "rebuild$sfx"
}

# median KEY: KEY.1 .. KEY.REPEATS as one row: the median wall time, the largest peak RSS, a failure if any failed.
median() {
  local key=$1 i k walls=()
  RC[$key]=0 RSS[$key]=0
  for ((i = 1; i <= REPEATS; i++)); do
    k=$key.$i
    walls+=("${WALL[$k]}")
    if ((RC[$k] != 0)); then RC[$key]=${RC[$k]} NOTE[$key]=${NOTE[$k]}; fi
    if ((RSS[$k] > RSS[$key])); then RSS[$key]=${RSS[$k]}; fi
    SIZE[$key]=${SIZE[$k]}
  done
  WALL[$key]=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((REPEATS + 1) / 2))p")
  say "$key: median of $REPEATS runs: ${WALL[$key]} s (${walls[*]})"
}

# Makes the "one package changed" edit: a comment line added to one .py file of python3-mpi4py.
change_one_package() {
  local list=$ROOT/var/lib/dpkg/info/python3-mpi4py.list rel path
  rel=$(grep -m1 '/mpi4py/__init__\.py$' "$list" || grep -m1 '\.py$' "$list") || die "no .py file in $list"
  path=$ROOT$rel
  cp -a "$path" "$BACKUP"
  printf '%s\n' "$path" >"$BACKUP.path"
  printf '# changed by bench/pack.sh at %s\n' "$(date -u +%FT%TZ)" >>"$path"
  CHANGED=$rel
  say "changed $rel (package python3-mpi4py)"
}

run_envtainer() {
  local reason="" help
  # Builds the jar if needed (not timed); afterwards the launcher must not rebuild it mid-measure.
  if ! "$ENVTAINER" --version >"$LOGS/envtainer-version.log" 2>&1; then
    reason="envtainer is not available ($ENVTAINER --version failed: see $OUT_REL/logs/envtainer-version.log)"
    RC[envtainer-version]=1 # a launcher or jar that does not work fails the run; a missing command does not
  elif ! help=$("$ENVTAINER" build --help 2>&1) || [[ $help != *"envtainer build"* ]]; then
    # (an unknown command's --help prints the top-level usage and exits 0)
    reason="envtainer build is not available"
  fi
  if [[ -n $reason ]]; then
    say "$reason: skipping its rows"
    for key in cold noop rebuild cold-layout noop-layout rebuild-layout; do skip "$key" "$reason"; done
    return
  fi
  if [[ -z ${ENVTAINER_JAR:-} && -f $ENVTAINER_REPO/target/envtainer.jar ]]; then
    export ENVTAINER_JAR=$ENVTAINER_REPO/target/envtainer.jar
  fi
  series archive "$OUT/envtainer.tar" ""
  series layout "$OUT/envtainer-layout" -layout
}

# A second environment for the heap bound: 250,000 small files (2,500 directories), many more entries than the
# root, built once (about 10 s) and cached. envtainer packs it with the usual 512 MB heap and with 128 MB.
WIDE=$BENCH_DIR/wide
WIDE_SPEC=$BENCH_DIR/wide.yaml
build_wide() {
  if [[ -f $WIDE.ready ]]; then return; fi
  rm -rf "$WIDE"
  say "making $WIDE: 250,000 files ..."
  python3 - "$WIDE" <<'PY'
import os, sys
root = sys.argv[1]
for a in range(50):
    for b in range(50):
        d = f"{root}/lib/p{a:02d}/m{b:02d}"
        os.makedirs(d)
        for c in range(100):
            with open(f"{d}/f{c:03d}.py", "w") as f:
                f.write(f"x = {a * 10000 + b * 100 + c}\n")
PY
  touch "$WIDE.ready"
}

run_wide() {
  [[ -z ${NOTE[cold]:-} ]] || { skip wide512 "${NOTE[cold]}"; skip wide128 "${NOTE[cold]}"; return; }
  build_wide
  printf 'name: wide\nbase: scratch\npython: {source: system, prefix: /opt/wide}\n' >"$WIDE_SPEC"
  local heap
  for heap in 512 128; do
    rm -rf "$OUT/cache-wide"
    measure "wide$heap" "$OUT/wide" env ENVTAINER_JAVA_OPTS="-Xmx${heap}m -XX:+UseSerialGC" "$ENVTAINER" build \
      "$WIDE_SPEC" --env-dir "$WIDE" --to "oci:$OUT/wide" --cache "$OUT/cache-wide" --quiet
  done
}

# ---------------------------------------------------------------- results

mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

row() { # row KEY LABEL: one markdown table row
  local key=$1 label=$2
  if [[ -n ${NOTE[$key]:-} && -z ${WALL[$key]:-} ]]; then
    printf '| %s | %s | | |\n' "$label" "${NOTE[$key]}"
  elif [[ -n ${NOTE[$key]:-} ]]; then
    printf '| %s | %s (%s s) | %s | |\n' "$label" "${NOTE[$key]}" "${WALL[$key]}" "$(mib $((RSS[$key] * 1024)))"
  else
    printf '| %s | %s | %s | %s |\n' "$label" "${WALL[$key]}" "$(mib $((RSS[$key] * 1024)))" "$(mib "${SIZE[$key]}")"
  fi
}

# ratio NAME A B TARGET: "NAME = A/B = R (target <= TARGET): PASS|FAIL", or why it cannot be computed.
ratio() {
  local name=$1 a=$2 b=$3 target=$4
  if [[ -z ${WALL[$a]:-} || -z ${WALL[$b]:-} || -n ${NOTE[$a]:-} || -n ${NOTE[$b]:-} ]]; then
    printf -- '- %s: n/a (target <= %s)\n' "$name" "$target"
    return
  fi
  awk -v n="$name" -v a="${WALL[$a]}" -v b="${WALL[$b]}" -v t="$target" 'BEGIN {
    if (b <= 0) { printf "- %s: n/a (zero denominator, target <= %s)\n", n, t; exit }
    r = a / b; printf "- %s: %.3f (target <= %s): %s\n", n, r, t, (r <= t ? "PASS" : "FAIL") }'
}

layer_counts() { # layer_counts REPORT: "built N, cached M, ..." from an envtainer JSON report
  python3 -c '
import collections, json, sys
layers = json.load(open(sys.argv[1])).get("layers", [])
counts = collections.Counter(l.get("status", "?") for l in layers)
print(", ".join(f"{s} {counts[s]}" for s in ("built", "cached", "base")) + f" (of {len(layers)} layers)")
' "$1" 2>&1 || echo "unreadable report"
}

results() {
  printf '## bench/pack.sh, %s\n\n' "$(date -u '+%F %H:%M UTC')"
  printf 'Root: Debian bookworm minbase + %s: %s MiB, %s entries (%s regular files). ' \
    "${BENCH_PACKAGES//,/, }" "$(mib "$ROOT_BYTES")" "$ROOT_ENTRIES" "$ROOT_FILES"
  printf 'Host: %s cores, %s GiB RAM. Page cache warmed before measuring.\n\n' "$(nproc)" \
    "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
  printf '| tool | wall s | peak RSS MiB | output MiB |\n|---|---:|---:|---:|\n'
  row cold 'envtainer build --to oci-archive:, cold (empty cache)'
  row targz 'tar -c \| gzip -6'
  row apptainer 'apptainer build (SIF from the directory)'
  row noop "envtainer build --to oci-archive:, no-op rebuild (median of $REPEATS)"
  row rebuild "envtainer build --to oci-archive:, one package changed (median of $REPEATS)"
  row cold-layout 'envtainer build --to oci:DIR, cold (empty cache)'
  row noop-layout "envtainer build --to oci:DIR, no-op rebuild (median of $REPEATS)"
  row rebuild-layout "envtainer build --to oci:DIR, one package changed (median of $REPEATS)"
  row wide512 'envtainer build, 250,000 small files, -Xmx512m'
  row wide128 'envtainer build, 250,000 small files, -Xmx128m'
  printf '\n'
  ratio 'envtainer cold (oci-archive) / tar|gzip -6' cold targz 0.35
  ratio 'rebuild / cold, --to oci:DIR' rebuild-layout cold-layout 0.1
  ratio 'rebuild / cold, --to oci-archive: (copies the unchanged 0.5 GB into the new file)' rebuild cold 0.1
  local key rss=()
  for key in cold noop rebuild cold-layout noop-layout rebuild-layout; do
    [[ -n ${NOTE[$key]:-} || -z ${RSS[$key]:-} ]] || rss+=("$key $(mib $((RSS[$key] * 1024))) MiB")
  done
  local joined=n/a
  ((${#rss[@]} == 0)) || { joined=$(printf '%s, ' "${rss[@]}"); joined=${joined%, }; }
  printf -- '- Java heap: ENVTAINER_JAVA_OPTS=%s (a build needing more heap fails); envtainer peak RSS: %s\n' \
    "'$JAVA_OPTS'" "$joined"
  if [[ -f $OUT/report-rebuild.json && -z ${NOTE[rebuild]:-} ]]; then
    printf -- '- Rebuild layers (%s changed): %s\n' "$CHANGED" "$(layer_counts "$OUT/report-rebuild.json")"
  fi
  if [[ -f $OUT/report-noop.json && -z ${NOTE[noop]:-} ]]; then
    printf -- '- No-op rebuild layers: %s\n' "$(layer_counts "$OUT/report-noop.json")"
  fi
  if [[ -f $OUT/report-rebuild-layout.json && -z ${NOTE[rebuild-layout]:-} ]]; then
    printf -- '- Rebuild layers, oci:DIR: %s\n' "$(layer_counts "$OUT/report-rebuild-layout.json")"
  fi
  # shellcheck disable=SC2016  # markdown backquotes
  printf -- '- Commands: `%s`; `%s`; `%s`\n\n' \
    "ENVTAINER_JAVA_OPTS='$JAVA_OPTS' bin/envtainer build bench/root.yaml --env-dir ROOT \
--to oci-archive:OUT/envtainer.tar|oci:OUT/envtainer-layout --cache OUT/cache-SERIES --report OUT/report-*.json --quiet" \
    "bash -c 'tar -C ROOT -cf - . | gzip -6 > OUT/root.tar.gz'" \
    "$APPTAINER_CMD"
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  restore_changed_file
  if ((keep == 0)); then
    rm -rf "$OUT/envtainer.tar" "$OUT/envtainer-layout" "$OUT/wide" "$OUT/root.tar.gz" "$APPTAINER_OUT" "$OUT"/cache-*
  fi
}

# ---------------------------------------------------------------- main

[[ $(id -u) == 0 ]] || die "run as root (debootstrap; scripts/apptainer makes namespaces)"
((skip_apptainer)) || [[ -f $ROOT_DIR/.ready ]] ||
  die "no Apptainer root at $ROOT_DIR: run scripts/setup.sh (or use --skip-apptainer)"
apt_install() {
  run_logged bench-apt-install env DEBIAN_FRONTEND=noninteractive \
    apt-get "${APT_OPTS[@]}" install --no-install-recommends "$@"
}
missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  apt_install "${missing[@]}" ||
    { run_logged bench-apt-update apt-get "${APT_OPTS[@]}" update && apt_install "${missing[@]}"; } ||
    die "could not install ${missing[*]}"
fi

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
restore_changed_file # left over by a killed run
build_root

mkdir -p "$OUT" "$LOGS"
rm -rf "$OUT/envtainer.tar" "$OUT/envtainer-layout" "$OUT/root.tar.gz" "$APPTAINER_OUT" "$OUT"/cache-* \
  "$OUT"/report-*.json "${LOGS:?}"/*

ROOT_BYTES=$(du -sb "$ROOT" | cut -f1)
ROOT_ENTRIES=$(find "$ROOT" | wc -l)
ROOT_FILES=$(find "$ROOT" -type f | wc -l)
say "root: $ROOT, $(mib "$ROOT_BYTES") MiB, $ROOT_ENTRIES entries ($ROOT_FILES regular files)"
say "warming the page cache: reading the whole root once (every tool is measured warm) ..."
start=$SECONDS
# Through cat: GNU tar does not read file contents when its archive is /dev/null.
tar -C "$ROOT" -cf - . | cat >/dev/null
say "page cache warm ($((SECONDS - start)) s)"

CHANGED=""
run_envtainer
run_wide

# shellcheck disable=SC2016  # expanded by the inner bash
measure targz "$OUT/root.tar.gz" bash -c 'tar -C "$1" -cf - . | gzip -6 >"$2"' _ "$ROOT" "$OUT/root.tar.gz"

export ENVTAINER_ROOT_BINDS=${ENVTAINER_ROOT_BINDS:+$ENVTAINER_ROOT_BINDS:}$BENCH_DIR:$OUT
APPTAINER_CMD="ENVTAINER_ROOT_BINDS=$ENVTAINER_ROOT_BINDS scripts/apptainer build $APPTAINER_OUT/root.sif $ROOT/"
if ((skip_apptainer)); then
  skip apptainer "skipped (--skip-apptainer)"
else
  # Apptainer runs as uid $ROOT_UID inside its root: it reads ROOT (made readable above) and writes APPTAINER_OUT.
  # ENVTAINER_ROOT_BINDS binds both into its root (when the cache is outside the repository). Apptainer copies
  # the directory to /tmp before running mksquashfs (gzip); both are part of its time.
  mkdir -p "$APPTAINER_OUT"
  chown "$ROOT_UID:$ROOT_GID" "$APPTAINER_OUT"
  measure apptainer "$APPTAINER_OUT/root.sif" \
    "$ENVTAINER_REPO/scripts/apptainer" build "$APPTAINER_OUT/root.sif" "$ROOT/"
fi

results | tee -a "$OUT/results.md"
say "appended to $OUT_REL/results.md$( ((keep)) && echo "; outputs kept in $OUT_REL")"

failed=0
for key in "${!RC[@]}"; do ((RC[$key] == 0)) || failed=1; done
exit "$failed"
