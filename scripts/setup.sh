#!/usr/bin/env bash
# Install what the project needs on this machine, idempotently and quickly when
# nothing changed: Debian packages, a Python virtualenv from the lock file, and
# the front-end assets (GOV.UK Frontend from npm, compiled with Sass).
#
#   scripts/setup.sh            what the site needs to run
#   scripts/setup.sh --test     also what the tests need (Chromium, poppler-utils)
set -Eeuo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
say() { echo "setup: $*"; }

# --- Debian packages --------------------------------------------------------
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 curl)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(chromium poppler-utils postgresql-15 fonts-liberation)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python -----------------------------------------------------------------
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || { say "Python 3.11 is needed (found $("$PYTHON" --version))" >&2; exit 1; }
[[ -x .venv/bin/python ]] || { say "creating .venv"; "$PYTHON" -m venv .venv; }
lock_hash="$(sha256sum requirements.lock | cut -d' ' -f1)"
if [[ "$(cat .venv/.lock-hash 2>/dev/null)" != "$lock_hash" ]]; then
    say "installing Python packages from requirements.lock"
    .venv/bin/pip install -q --disable-pip-version-check --upgrade pip
    .venv/bin/pip install -q --disable-pip-version-check -r requirements.lock
    echo "$lock_hash" > .venv/.lock-hash
fi

# --- Front-end assets -------------------------------------------------------
npm_hash="$(cat package.json package-lock.json assets/scss/*.scss | sha256sum | cut -d' ' -f1)"
if [[ "$(cat node_modules/.build-hash 2>/dev/null)" != "$npm_hash" || ! -f assets/build/css/app.css ]]; then
    say "installing npm packages and building the CSS"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    npm run --silent build
    echo "$npm_hash" > node_modules/.build-hash
fi
say "ready"
