"""The compiled module is portable: it links only the C and C++ runtime (issue 11, item 1).

The module pytest imports is the one `pip install .` put in site-packages, the same file the wheel carries.
scripts/check-wheel.sh (run by scripts/test.sh) goes further: it builds the wheel, runs auditwheel on it and
imports it from a fresh virtual environment.
"""

import importlib.metadata
import pathlib
import re
import shutil
import subprocess

import pytest

from redress import _redress

# glibc's libc, libm and loader, GCC's libstdc++ and libgcc_s: present on every Linux that runs Python wheels
# (manylinux's policy). Anything else (Debian's libsimdjson.so, libboost_*) would make the wheel fail to import
# on a machine without that package.
RUNTIME = re.compile(r"^(libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|ld-linux-x86-64\.so\.2)$")


def needed(path: pathlib.Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) is not installed")
def test_module_needs_only_the_c_and_cxx_runtime():
    libs = needed(pathlib.Path(_redress.__file__))
    assert "libc.so.6" in libs  # the parse found the dynamic section at all
    assert [lib for lib in libs if not RUNTIME.match(lib)] == []
    assert not any("simdjson" in lib for lib in libs)


def test_licence_files_are_installed():
    files = {str(f) for f in importlib.metadata.files("redress") or []}
    assert any(f.endswith("licenses/LICENSE") for f in files), files
    assert any(f.endswith("licenses/NOTICE") for f in files)
    assert any(f.endswith("licenses/third_party/simdjson/LICENSE") for f in files)
    text = next(f for f in importlib.metadata.files("redress") or [] if str(f).endswith("licenses/LICENSE")).read_text()
    assert text.startswith("MIT License")
    assert "the redress authors" in text
