#!/usr/bin/env bash
# One-command setup for a fresh Debian machine with Node.js 20.19+: pnpm, the workspace, the build,
# Jupyter (from Debian's packages) and the tslab TypeScript kernel. Idempotent: safe to run twice,
# and quick when everything is already there. Prints each step it takes.
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,/^[^#]/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
  echo "usage: bash scripts/setup.sh"
  exit 0
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf 'setup: %s\n' "$*"; }

# Node.js 20.19+ is needed: it can require() ES modules, which the notebook kernel relies on.
if ! command -v node >/dev/null 2>&1; then
  say "Node.js is not installed; install Node.js 20.19 or later (e.g. 'apt-get install nodejs' from a recent source) and run this again."
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  say "Node.js $(node --version) is too old; 20.19 or later is needed (it can require() ES modules, which the notebooks rely on)."
  exit 1
fi
say "Node.js $(node --version)"

# pnpm, at the version package.json names, from the npm registry.
PNPM_VERSION="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
if ! command -v pnpm >/dev/null 2>&1; then
  say "installing pnpm ${PNPM_VERSION} from the npm registry"
  npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}" >/dev/null
fi
say "pnpm $(pnpm --version)"

say "installing the workspace (frozen lockfile)"
CI=true pnpm install --frozen-lockfile --reporter=silent

say "building every package"
pnpm run --silent build

# Jupyter from Debian's packages, only when something is missing.
JUPYTER_PACKAGES=(jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)
JUPYTER_PY=/usr/bin/python3
jupyter_ready() {
  command -v jupyter >/dev/null 2>&1 && [ -x "$JUPYTER_PY" ] &&
    "$JUPYTER_PY" -c 'import nbclient, nbformat, jupyter_client, ipykernel, nbconvert' >/dev/null 2>&1
}
if jupyter_ready; then
  say "Jupyter is installed"
else
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    SUDO=(none)
  fi
  if [ "${SUDO[0]:-}" = none ]; then
    say "Jupyter is missing and this user cannot install Debian packages."
    say "Ask an administrator to run: apt-get update && apt-get install -y ${JUPYTER_PACKAGES[*]}"
    say "Everything else is set up; the notebooks are skipped until Jupyter is there."
    exit 0
  fi
  say "installing Jupyter from Debian's packages: ${JUPYTER_PACKAGES[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${JUPYTER_PACKAGES[@]}" >/dev/null
fi

# Register the TypeScript kernel ("tslab", the name the notebooks give) with a launcher that belongs
# to no clone: it runs the tslab of whichever hnb clone a notebook sits in (scripts/hnb-kernel.cjs),
# so it does not matter which clone ran setup last, and running setup again changes nothing.
KERNEL_DIR="$(jupyter kernelspec list --json 2>/dev/null | "$JUPYTER_PY" -c 'import json,sys; k=json.load(sys.stdin)["kernelspecs"].get("tslab"); print(k["resource_dir"] if k else "")' || true)"
if [ -n "$KERNEL_DIR" ] && cmp -s "$KERNEL_DIR/hnb-kernel.cjs" "$ROOT/scripts/hnb-kernel.cjs"; then
  say "the tslab kernel is registered ($KERNEL_DIR: runs the tslab of the clone a notebook is in)"
else
  say "registering the tslab TypeScript kernel (it runs the tslab of the clone a notebook is in)"
  node "$ROOT/scripts/register-kernel.mjs"
fi
jupyter kernelspec list 2>/dev/null | grep -q '^ *tslab ' && say "jupyter kernelspec list shows tslab"
say "done"
