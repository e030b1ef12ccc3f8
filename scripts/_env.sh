# Shared setup for scripts/*: make .venv if missing and install a pinned lock into it.
# Sourced, not executed. Usage: ensure_venv requirements/build.lock
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export NO_MKDOCS_2_WARNING=1
# The same notice from plugins (mkdocs-static-i18n, mkdocs-redirects) under their own name.
export DISABLE_MKDOCS_2_WARNING=true

ensure_venv() {
  local lock="$ROOT/$1"
  if [[ ! -x "$PY" ]]; then
    echo "==> .venv aanmaken"
    python3.11 -m venv "$VENV" 2>/dev/null || python3 -m venv "$VENV"
  fi
  # Reinstall only when the lock or pyproject changed since the last install: a stamp
  # file records the hash of both, so repeated builds start in about a second.
  local stamp="$VENV/.installed-$(basename "$lock")"
  local want
  want="$(cat "$lock" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "==> pakketten installeren uit $1"
    "$PY" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e "$ROOT"
    echo "$want" > "$stamp"
  fi
}

# Debian packages, installed with apt (as root, or with sudo) only when missing. Each
# argument is "package:command" (present when the command is found, also in /usr/sbin) or
# a package name alone (present when dpkg lists it as installed).
# Usage: ensure_debian_packages chromium:chromium libzbar0
ensure_debian_packages() {
  local spec pkg cmd missing=()
  for spec in "$@"; do
    pkg="${spec%%:*}"
    if [[ "$spec" == *:* ]]; then
      cmd="${spec#*:}"
      command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" ]] || missing+=("$pkg")
    elif ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]})); then
    echo "==> Debian-pakketten installeren: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Decap CMS for the web editor (package.json "dependencies", pinned by
# package-lock.json), which the build copies into build/webredactie/ (never into site/). A full install by
# scripts/test (it adds the browser-test tools) will do; otherwise `npm ci --omit=dev`
# installs the production packages only, again only when the lock changed.
ensure_node_modules() {
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  local stamp
  for stamp in .portal-stamp .portal-stamp-prod; do
    if [[ -f "$ROOT/node_modules/$stamp" && "$(cat "$ROOT/node_modules/$stamp")" == "$want" \
          && -f "$ROOT/node_modules/decap-cms/dist/decap-cms.js" ]]; then
      return 0
    fi
  done
  echo "==> npm-pakketten installeren uit package-lock.json (webredactie, zonder testpakketten)"
  (cd "$ROOT" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
  echo "$want" > "$ROOT/node_modules/.portal-stamp-prod"
}
