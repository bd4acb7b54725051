"""The installed package: version agreement with CMake, typing markers, import from outside the tree."""

import importlib.metadata
import pathlib
import re
import types

import redress
from redress import _redress

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_version_agrees_with_cmake_project():
    cmake = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(redress\s+VERSION\s+([0-9.]+)", cmake)
    assert match is not None
    assert redress.__version__ == match.group(1)
    assert _redress.__version__ == match.group(1)
    assert importlib.metadata.version("redress") == match.group(1)


def test_installed_not_imported_from_source_tree():
    # The test command runs pytest against the pip-installed package, never python/ in the checkout.
    package_dir = pathlib.Path(redress.__file__).resolve().parent
    assert ROOT / "python" not in package_dir.parents
    assert package_dir != ROOT / "python" / "redress"


def test_typing_markers_ship():
    package_dir = pathlib.Path(redress.__file__).resolve().parent
    assert (package_dir / "py.typed").is_file()
    assert (package_dir / "_redress.pyi").is_file()


def test_all_is_exact():
    # Every public name the package defines is in __all__ (its submodules, such as redress.frames, aside).
    public = {n for n, v in vars(redress).items() if (not n.startswith("_") or n == "__version__")}
    public -= {n for n, v in vars(redress).items() if isinstance(v, types.ModuleType)}
    assert sorted(redress.__all__) == sorted(public)
