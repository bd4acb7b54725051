#!/usr/bin/env bash
# Installs what building and testing redress needs on Debian (run as root, or with sudo available):
# the compiler and CMake, Boost (Date_Time is header-only), nlohmann/json, GoogleTest, Google Benchmark and
# clang-format. Python packages (scikit-build-core, pybind11, pytest, ...) come from PyPI through pip.
set -euo pipefail

packages=(g++ make cmake ninja-build python3-venv libboost-dev nlohmann-json3-dev libgtest-dev libgmock-dev
          libbenchmark-dev clang-format chromium poppler-utils)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# python3-venv is Debian's venv for /usr/bin/python3; a Python that already has venv does not need it.
if python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing=("${missing[@]/python3-venv/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: every Debian package is already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
