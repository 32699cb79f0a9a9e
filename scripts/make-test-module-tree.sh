#!/bin/bash
# Builds an Lmod module tree from Debian's own files, laid out like an EasyBuild site, for tests:
#   ROOT/software/Python/3.11.2    a copy of Debian's python3.11 binary whose prefix is ROOT/software/...;
#                                  stdlib symlinked, lib/python3/dist-packages with links to some of
#                                  Debian's packages (the module python "provides" pip, setuptools, six, numpy)
#   ROOT/software/OpenMPI/4.1.4    a relocated copy of Debian's Open MPI 4.1.4 (bin, libs, plugins, help
#                                  files), found through OPAL_PREFIX and friends
#   ROOT/software/MPICH/4.0.2      links with the plain names (mpirun, mpichversion) to Debian's MPICH 4.0.2,
#                                  when the mpich package is installed
#   ROOT/modules/all/{GCCcore/12.2.0,GCC/12.2.0,Python/3.11.2-GCCcore-12.2.0,OpenMPI/4.1.4-GCC-12.2.0,
#                     MPICH/4.0.2-GCC-12.2.0}.lua
# Needs: lmod, python3.11 (python3-venv), python3-six, openmpi-bin, libopenmpi3 from Debian 12 (python3-numpy optional).
# Usage: make-test-module-tree.sh ROOT      then: module use ROOT/modules/all; module load Python OpenMPI
set -euo pipefail
ROOT=${1:?usage: $0 ROOT}
mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)
SW=$ROOT/software
MF=$ROOT/modules/all
ARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
LIB=/usr/lib/$ARCH

# --- Python 3.11 at a non-standard prefix --------------------------------------------------------------
PY=$SW/Python/3.11.2
mkdir -p "$PY/bin" "$PY/lib/python3.11" "$PY/lib/python3"
cp /usr/bin/python3.11 "$PY/bin/python3.11"          # a copy: Python finds its prefix from where it runs
ln -sfn python3.11 "$PY/bin/python3"
ln -sfn python3 "$PY/bin/python"
for e in /usr/lib/python3.11/*; do
  b=$(basename "$e")
  case "$b" in site-packages|dist-packages) continue ;; esac
  ln -sfn "$e" "$PY/lib/python3.11/$b"
done
# The module's own site-packages hold a few of Debian's packages (pip, setuptools, wheel, six, and numpy when
# python3-numpy is installed), as an EasyBuild Python carries its own small set: not the system's whole
# dist-packages, whose apt, dbus and gi bindings no module python has.
DP=$PY/lib/python3/dist-packages
if [ -L "$DP" ]; then rm "$DP"; fi                 # a tree made by an older version of this script
mkdir -p "$DP"
for e in pip pip-*.dist-info setuptools setuptools-*.egg-info pkg_resources _distutils_hack distutils-precedence.pth \
    wheel wheel-*.egg-info six.py six-*.egg-info numpy numpy-*.egg-info; do
  for f in /usr/lib/python3/dist-packages/$e; do
    if [ -e "$f" ]; then ln -sfn "$f" "$DP/"; fi
  done
done

# --- Open MPI 4.1.4 relocated ---------------------------------------------------------------------------
OM=$SW/OpenMPI/4.1.4
mkdir -p "$OM/bin" "$OM/lib/openmpi" "$OM/share" "$OM/etc"
for b in mpirun mpiexec orterun orted ompi_info opal_wrapper; do
  src=/usr/bin/$b; [ -e "$src.openmpi" ] && src=$src.openmpi
  [ -e "$src" ] && cp -L "$src" "$OM/bin/$b"
done
for f in $(dpkg -L libopenmpi3 | grep -E "^$LIB/lib[^/]*\.so\.[0-9.]+$"); do cp -a "$f" "$OM/lib/"; done
cp -L "$LIB"/openmpi/lib/openmpi3/*.so "$OM/lib/openmpi/"
cp -rL /usr/share/openmpi "$OM/share/"
cp -rL /etc/openmpi/. "$OM/etc/"

# --- MPICH 4.0.2: Debian's own, behind a module whose bin has the plain tool names ------------------------
MP=$SW/MPICH/4.0.2
if [ -x /usr/bin/mpiexec.hydra ]; then
  mkdir -p "$MP/bin" "$MF/MPICH"
  ln -sfn /usr/bin/mpiexec.hydra "$MP/bin/mpirun"
  ln -sfn /usr/bin/mpiexec.hydra "$MP/bin/mpiexec"
  ln -sfn /usr/bin/mpichversion "$MP/bin/mpichversion"
  ln -sfn /usr/bin/mpicc.mpich "$MP/bin/mpicc"
  cat > "$MF/MPICH/4.0.2-GCC-12.2.0.lua" <<LUA
help([[MPICH 4.0.2, Debian's build behind a module (test module)]])
whatis("Name: MPICH")
whatis("Version: 4.0.2")
local root = "$MP"
conflict("OpenMPI")
if not (isloaded("GCC/12.2.0")) then load("GCC/12.2.0") end
prepend_path("PATH", pathJoin(root, "bin"))
setenv("EBROOTMPICH", root)
setenv("EBVERSIONMPICH", "4.0.2")
LUA
fi

# --- modulefiles ------------------------------------------------------------------------------------------
mkdir -p "$MF/GCCcore" "$MF/GCC" "$MF/Python" "$MF/OpenMPI"
cat > "$MF/GCCcore/12.2.0.lua" <<LUA
help([[GCCcore 12.2.0: the system compiler runtime (test module)]])
whatis("Name: GCCcore")
whatis("Version: 12.2.0")
setenv("EBROOTGCCCORE", "/usr")
setenv("EBVERSIONGCCCORE", "12.2.0")
LUA
cat > "$MF/GCC/12.2.0.lua" <<LUA
help([[GCC 12.2.0 toolchain (test module)]])
whatis("Name: GCC")
whatis("Version: 12.2.0")
if not (isloaded("GCCcore/12.2.0")) then load("GCCcore/12.2.0") end
setenv("EBROOTGCC", "/usr")
setenv("EBVERSIONGCC", "12.2.0")
LUA
cat > "$MF/Python/3.11.2-GCCcore-12.2.0.lua" <<LUA
help([[Python 3.11.2 made from Debian's python3.11 at a non-standard prefix (test module)]])
whatis("Name: Python")
whatis("Version: 3.11.2")
local root = "$PY"
conflict("Python")
if not (isloaded("GCCcore/12.2.0")) then load("GCCcore/12.2.0") end
prepend_path("PATH", pathJoin(root, "bin"))
prepend_path("MANPATH", pathJoin(root, "share/man"))
setenv("EBROOTPYTHON", root)
setenv("EBVERSIONPYTHON", "3.11.2")
LUA
cat > "$MF/OpenMPI/4.1.4-GCC-12.2.0.lua" <<LUA
help([[Open MPI 4.1.4, Debian's build relocated to a non-standard prefix (test module)]])
whatis("Name: OpenMPI")
whatis("Version: 4.1.4")
local root = "$OM"
conflict("OpenMPI")
if not (isloaded("GCC/12.2.0")) then load("GCC/12.2.0") end
prepend_path("PATH", pathJoin(root, "bin"))
prepend_path("LD_LIBRARY_PATH", pathJoin(root, "lib"))
setenv("OPAL_PREFIX", root)
setenv("OPAL_LIBDIR", pathJoin(root, "lib"))
setenv("OPAL_PKGLIBDIR", pathJoin(root, "lib/openmpi"))
setenv("OPAL_PKGDATADIR", pathJoin(root, "share/openmpi"))
setenv("OPAL_SYSCONFDIR", pathJoin(root, "etc"))
setenv("EBROOTOPENMPI", root)
setenv("EBVERSIONOPENMPI", "4.1.4")
LUA
echo "$ROOT"
