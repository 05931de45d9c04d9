#!/usr/bin/env bash
# Installs what the package needs from Debian when it is missing (idempotent:
# apt-get runs only when a package is absent). Swift itself is expected on the machine.
#
#   scripts/ensure-deps.sh          what `dispatch` needs to build and run:
#                                   GLPK (libglpk-dev), libxlsxwriter (libxlsxwriter-dev)
#   scripts/ensure-deps.sh --test   also what the end-to-end tests and `--pdf` need:
#                                   chromium, chromium-driver, poppler-utils (pdfinfo, pdftoppm),
#                                   fonts-noto-cjk (Chinese in screenshots and PDFs), python3-venv;
#                                   and the Python test tools (pytest, openpyxl, selenium) in the
#                                   venv .build-pytools/ (test time only, never at run time)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(libglpk-dev libxlsxwriter-dev)
[ "$want_test" = 1 ] && packages+=(chromium chromium-driver poppler-utils fonts-noto-cjk python3-venv)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]} …" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "ensure-deps: swift is not on PATH (install the Swift toolchain, 6.0 or later)" >&2; exit 1; }

if [ "$want_test" = 1 ]; then
  venv="$root/.build-pytools"
  requirements="$root/scripts/pytools-requirements.txt"
  # Reinstall only when the pinned list changed (or the venv is missing or broken).
  if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/.requirements" \
     || ! "$venv/bin/python" -c "import pytest, openpyxl, selenium" 2>/dev/null; then
    echo "ensure-deps: Python test tools into $venv …" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/.requirements"
  fi
fi
