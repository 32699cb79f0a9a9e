#!/usr/bin/env bash
# pack-image.sh ROOTFS OUTDIR NAME:TAG
# Packs a root filesystem as a one-layer image, without any container engine:
#   OUTDIR/docker-archive.tar  docker-save format (manifest.json at the top, <id>/layer.tar):
#                              a base for jib-core's TarImage, `apptainer build` docker-archive:, `podman load`
#   OUTDIR/oci-archive.tar     an OCI image layout in a tar (index.json, blobs/sha256/...)
# The layer is uncompressed; entries are sorted, owners numeric, mtimes fixed to 0 for the wrappers.
set -euo pipefail

rootfs=$1 outdir=$(realpath -m "$2") name=$3
[[ -d $rootfs/usr ]] || { echo "pack-image: $rootfs is not a root filesystem" >&2; exit 2; }
tag=${name##*:}
work=$outdir/.pack
rm -rf "$work"
mkdir -p "$work/layer" "$work/docker" "$work/oci/blobs/sha256"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
# Deterministic tar of the current directory's given entries.
tar_sorted() { tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 --format=gnu -cf "$@"; }

# The layer: the root's top-level entries (no "./" prefix), owners and modes as they are.
entries=()
while IFS= read -r entry; do entries+=("$entry"); done < <(find "$rootfs" -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort)
layer=$work/layer/layer.tar
tar --sort=name --numeric-owner -C "$rootfs" -cf "$layer" -- "${entries[@]}"
layer_sha=$(sha "$layer")

config=$work/config.json
printf '%s' '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",'\
'"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],'\
'"Cmd":["/bin/bash"],"Labels":{"org.opencontainers.image.title":"'"$name"'"}},'\
'"rootfs":{"type":"layers","diff_ids":["sha256:'"$layer_sha"'"]},'\
'"history":[{"created":"1970-01-01T00:00:00Z","created_by":"envtainer scripts/setup.sh (debootstrap)"}]}' >"$config"
config_sha=$(sha "$config")

# docker-archive
mkdir -p "$work/docker/$layer_sha"
ln "$layer" "$work/docker/$layer_sha/layer.tar"
cp "$config" "$work/docker/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' \
  "$config_sha" "$name" "$layer_sha" >"$work/docker/manifest.json"
(cd "$work/docker" && tar_sorted "$outdir/docker-archive.tar.partial" manifest.json "$config_sha.json" "$layer_sha")

# OCI image layout
blobs=$work/oci/blobs/sha256
ln "$layer" "$blobs/$layer_sha"
cp "$config" "$blobs/$config_sha"
manifest=$work/manifest.json
printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'\
'"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'"$config_sha"'","size":'"$(size "$config")"'},'\
'"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:'"$layer_sha"'","size":'"$(size "$layer")"'}]}' >"$manifest"
manifest_sha=$(sha "$manifest")
cp "$manifest" "$blobs/$manifest_sha"
printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{'\
'"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:'"$manifest_sha"'","size":'"$(size "$manifest")"','\
'"annotations":{"org.opencontainers.image.ref.name":"'"$tag"'","io.containerd.image.name":"'"$name"'"}}]}' >"$work/oci/index.json"
printf '%s' '{"imageLayoutVersion":"1.0.0"}' >"$work/oci/oci-layout"
(cd "$work/oci" && tar_sorted "$outdir/oci-archive.tar.partial" oci-layout index.json blobs)

mv "$outdir/docker-archive.tar.partial" "$outdir/docker-archive.tar"
mv "$outdir/oci-archive.tar.partial" "$outdir/oci-archive.tar"
printf '%s\n' "sha256:$config_sha" >"$outdir/image-id"
printf '%s\n' "$name" >"$outdir/image-name"
rm -rf "$work"
