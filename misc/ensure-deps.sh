#!/usr/bin/env bash
# Installs the system packages Hindsight needs when they are missing: with apt-get when running
# as root, otherwise prints the exact command to run. Extra package names may be passed
# (e.g. gdb lldb chromium for tests). Idempotent and quiet when all is present.
set -euo pipefail
declare -A probe=(
  [clang]="command -v clang"
  [clang-19]="command -v clang-19"
  [libcapstone-dev]="test -e /usr/lib/x86_64-linux-gnu/libcapstone.so"
  [libllvm19]="test -e /usr/lib/x86_64-linux-gnu/libLLVM-19.so"
  [maven]="command -v mvn"
  [default-jdk-headless]="command -v javac"
  [nodejs]="command -v node"
  [npm]="command -v npm"
  [chromium]="command -v chromium"
)
wanted=(clang libcapstone-dev libllvm19 maven default-jdk-headless "$@")
missing=()
for pkg in "${wanted[@]}"; do
  check=${probe[$pkg]:-"dpkg -s $pkg >/dev/null 2>&1"}
  if ! eval "$check" >/dev/null 2>&1; then missing+=("$pkg"); fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "hindsight: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  apt-get install -y -qq "${missing[@]}" >&2
else
  echo "hindsight: missing system packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
