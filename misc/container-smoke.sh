#!/usr/bin/env bash
# Builds the container image from the repository's Dockerfile and smoke-tests it: starts it with a
# token, waits for /healthz, fetches the page with the token (and sees it refused without), then
# compiles and steps a program through /dap (misc/container-smoke-dap.mjs, with node). Needs docker
# or podman able to build and run containers; without one it says it skipped, which is not a failure.
# ./hindsight test runs it last. HINDSIGHT_CONTAINER_ENGINE=docker|podman picks one.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

engine=
for candidate in ${HINDSIGHT_CONTAINER_ENGINE:-docker podman}; do
  if command -v "$candidate" >/dev/null && timeout 30 "$candidate" info >/dev/null 2>&1; then
    engine=$candidate
    break
  fi
done
if [ -z "$engine" ]; then
  echo "container-smoke: skipped: no docker or podman that can run containers here"
  exit 0
fi

tag="hindsight-smoke:$$"
name="hindsight-smoke-$$"
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
cleanup() {
  "$engine" rm -f "$name" >/dev/null 2>&1 || true
  "$engine" rmi -f "$tag" >/dev/null 2>&1 || true
}
trap cleanup EXIT
fail() {
  echo "container-smoke: FAILED: $*" >&2
  "$engine" logs "$name" >&2 2>&1 || true
  exit 1
}

echo "container-smoke: building the image with $engine"
timeout 3600 "$engine" build -t "$tag" "$root"
"$engine" run -d --name "$name" --security-opt seccomp=unconfined -p 127.0.0.1::8080 \
  -e HINDSIGHT_TOKEN="$token" "$tag" >/dev/null
port=$("$engine" port "$name" 8080/tcp | head -1 | sed 's/.*://')
[ -n "$port" ] || fail "no published port"
base="http://127.0.0.1:$port"

health=
for _ in $(seq 1 180); do
  health=$(curl -fsS --max-time 5 "$base/healthz" 2>/dev/null) && break
  [ "$("$engine" inspect -f '{{.State.Running}}' "$name")" = true ] || fail "the container stopped"
  sleep 1
done
[ -n "$health" ] || fail "no answer from /healthz within 3 minutes"
echo "container-smoke: /healthz: $health"
echo "$health" | grep -q '"sessions":0,"capacity":16' || fail "unexpected /healthz: $health"

status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/")
[ "$status" = 401 ] || fail "the page without the token answered $status, not 401"
curl -fsS --max-time 5 "$base/?token=$token" | grep -q '<title>Hindsight</title>' || fail "the page with the token"

timeout 120 node "$root/misc/container-smoke-dap.mjs" "ws://127.0.0.1:$port/dap?token=$token" || fail "debugging through /dap"
echo "container-smoke: passed"
