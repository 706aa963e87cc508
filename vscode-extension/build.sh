#!/usr/bin/env bash
# Builds the extension into dist/hindsight-VERSION.vsix with @vscode/vsce (pinned in
# package-lock.json, installed into node_modules here), after checking that its debug type's
# configurationAttributes are still dap-server's launch-attributes.json.
# Usage: vscode-extension/build.sh   (prints the .vsix path)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # --ignore-scripts: vsce's packaging needs none of its optional native helpers (signing, keytar).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
node --test test/unit/ >&2
version=$(node -p 'require("./package.json").version')
mkdir -p dist
out=dist/hindsight-$version.vsix
# --no-dependencies: the extension has no runtime packages; .vscodeignore keeps tests and tools out.
npx --no-install vsce package --no-dependencies --out "$out" >&2
echo "$here/$out"
