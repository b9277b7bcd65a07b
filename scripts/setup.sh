#!/usr/bin/env bash
# Installs what uxaudit needs that is missing: a virtualenv with the package (and, with
# --test, its test dependencies) and a Chromium to drive. Safe to run again: it only
# does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
EXTRAS=""
[ "${1:-}" = "--test" ] && EXTRAS="[test]"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "uxaudit setup: $PYTHON not found; install Python 3.11 or newer" >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "uxaudit setup: $($PYTHON --version) is too old; uxaudit needs Python 3.11 or newer" >&2
    exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "uxaudit setup: creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.installed${EXTRAS:+-test}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "uxaudit setup: installing uxaudit$EXTRAS into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".$EXTRAS"
    touch "$stamp"
fi

# A Chromium to drive: Playwright's own, else a system one, else install Debian's.
if ! "$VENV/bin/python" -m uxaudit.browser --find >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "uxaudit setup: installing Debian's chromium"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
        echo "uxaudit setup: no Chromium found. Install one of:" >&2
        echo "  sudo apt-get install chromium        (Debian/Ubuntu)" >&2
        echo "  $VENV/bin/playwright install chromium (where downloads are allowed)" >&2
        exit 1
    fi
fi
"$VENV/bin/python" -m uxaudit.browser --find
