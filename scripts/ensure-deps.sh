#!/usr/bin/env bash
# Installs what the package needs from Debian when it is missing: GLPK's headers
# and library (libglpk-dev). Swift itself is expected on the machine.
set -euo pipefail
if [ ! -f /usr/include/glpk.h ]; then
  echo "ensure-deps: installing libglpk-dev (GLPK) …" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev >/dev/null
fi
command -v swift >/dev/null || { echo "ensure-deps: swift is not on PATH (install the Swift toolchain, 6.0 or later)" >&2; exit 1; }
