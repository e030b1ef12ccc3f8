# Shared setup for scripts/*: make .venv if missing and install a pinned lock into it.
# Sourced, not executed. Usage: ensure_venv requirements/build.lock
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export NO_MKDOCS_2_WARNING=1

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
