"""Keeps the hand-written stubs honest.

Every public name of the compiled module, and every public member of its classes, must be declared in
redress/_redress.pyi, and the stubs must declare nothing that is not there.
"""

import ast
import pathlib
import subprocess
import sys

import pytest

import redress
from redress import _redress

STUB = pathlib.Path(redress.__file__).resolve().parent / "_redress.pyi"
# Members that every class has from object or pybind11 and that the stubs need not repeat.
NOT_DECLARED = {
    "__module__",
    "__doc__",
    "__dict__",
    "__weakref__",
    "__repr__",
    "__str__",
    "_pybind11_conduit_v1_",
}


def _stub_names():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    module, classes = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            module.add(node.name)
            members = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    members.update(t.id for t in item.targets if isinstance(t, ast.Name))
            classes[node.name] = members
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            module.add(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            module.add(node.name)
    return module, classes


def _runtime_module_names():
    return {n for n in dir(_redress) if not n.startswith("_")} | {"__version__"}


def _has_constructor(cls):
    try:
        cls()
    except TypeError as err:
        return "No constructor defined" not in str(err)
    except Exception:
        return True
    return True


def _runtime_members(cls):
    if hasattr(cls, "__members__"):  # an enum: its members, not the enum machinery
        return set(cls.__members__)
    members = set(vars(cls)) - NOT_DECLARED
    if not _has_constructor(cls):  # pybind11's placeholder __init__ that only raises
        members.discard("__init__")
    return members


def test_every_public_name_has_a_stub():
    stub_module, _ = _stub_names()
    missing = _runtime_module_names() - stub_module
    assert not missing, f"names in redress._redress but not in {STUB.name}: {sorted(missing)}"


def test_stubs_declare_nothing_that_does_not_exist():
    stub_module, _ = _stub_names()
    extra = stub_module - _runtime_module_names()
    assert not extra, f"names in {STUB.name} that redress._redress does not have: {sorted(extra)}"


@pytest.mark.parametrize("name", sorted(n for n in dir(_redress) if isinstance(getattr(_redress, n), type)))
def test_every_class_member_has_a_stub(name):
    _, stub_classes = _stub_names()
    cls = getattr(_redress, name)
    runtime = _runtime_members(cls)
    declared = set(stub_classes.get(name, set()))
    if issubclass(cls, BaseException):
        # Error declares the attributes every subclass carries.
        runtime = {"field", "value", "rule"} & set(vars(cls))
        declared |= stub_classes.get("Error", set())
    missing = runtime - declared
    assert not missing, f"{name} members missing from {STUB.name}: {sorted(missing)}"


def test_mypy_accepts_the_stubs_and_a_typed_use():
    if not _module_available("mypy"):
        pytest.skip("mypy is not installed (it is part of the test extra)")
    example = pathlib.Path(__file__).with_name("typed_usage.py")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(example)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _module_available(name):
    import importlib.util

    return importlib.util.find_spec(name) is not None
