# Shared by scripts/demo, scripts/test and scripts/bench. Sourced, not run.
# Installs the platform into .venv (once, and again when pyproject.toml changes).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ensure_venv EXTRAS: create .venv and install the package with the given extras.
ensure_venv() {
  local extras="$1" stamp="$VENV/.installed-${1:-base}"
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))."
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing kotacerdas${extras:+[$extras]} into .venv"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".${extras:+[$extras]}"
    touch "$stamp"
  fi
}

# apt_install PACKAGE COMMAND: install a Debian package when COMMAND is missing.
apt_install() {
  local package="$1" command="$2"
  command -v "$command" >/dev/null 2>&1 && return 0
  say "Installing $package (Debian)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null ||
    die "could not install $package; install it with: apt-get install $package"
}

# apt_package PACKAGE: install a Debian package (a library, fonts) unless it is installed.
apt_package() {
  local package="$1"
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" && return 0
  say "Installing $package (Debian)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null ||
    die "could not install $package; install it with: apt-get install $package"
}

# What the PDF documents need from the system: Liberation Sans (the documents' font;
# without it DejaVu Sans, wider, adds pages) and HarfBuzz's subsetter (WeasyPrint embeds
# font subsets with it in milliseconds; its fontTools fallback takes a second or more).
ensure_document_libraries() {
  apt_package fonts-liberation2
  apt_package libharfbuzz-subset0
}

compile_messages() {
  apt_install gettext msgfmt
  (cd kotacerdas && "$VENV/bin/django-admin" compilemessages --ignore='.venv' -v0)
}
