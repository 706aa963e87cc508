#!/usr/bin/env bash
# Boots the arm64 guest (build-guest.sh, cached) under qemu-system-aarch64 with PAYLOAD_DIR's files
# at /mnt/payload and runs PAYLOAD_DIR/run.sh there (as root, cwd /mnt/payload, Debian arm64 root
# with java on the PATH). Prints the guest's output and exits with run.sh's exit status (124 when
# the guest did not finish within HINDSIGHT_AARCH64_TIMEOUT seconds, default 900; 125 when it did
# not report a status at all).
#   usage: boot.sh PAYLOAD_DIR
# TCG emulation is CPU-bound: one vCPU, at lowered priority, so the host's other work goes on.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
payload=$(cd "${1:?usage: boot.sh PAYLOAD_DIR}" && pwd)
[ -f "$payload/run.sh" ] || { echo "boot.sh: $payload/run.sh missing" >&2; exit 2; }
guest=$("$here/build-guest.sh" | tail -1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The initramfs: busybox, the virtio modules, init, and the payload (small: test classes, jars,
# fixtures), so nothing needs a shared file system.
mkdir -p "$work/initrd"/{bin,dev,proc,sys,modules,payload}
cp "$guest/busybox" "$work/initrd/bin/busybox"
cp "$guest"/modules/* "$work/initrd/modules/"
cp "$here/init" "$work/initrd/init"
cp -a "$payload/." "$work/initrd/payload/"
(cd "$work/initrd" && find . | cpio -o -H newc --quiet) > "$work/initrd.cpio"

# -cpu max with the cheap (implementation-defined) pointer-authentication algorithm: the same
# features as max, far less emulation work per instruction. A copy-on-write overlay keeps the
# cached root pristine (it is mounted read-only anyway) and lets runs share it.
set +e
nice -n 10 timeout --foreground "${HINDSIGHT_AARCH64_TIMEOUT:-900}" qemu-system-aarch64 \
  -M virt -cpu max,pauth-impdef=on -smp 1 -m 2048 -nic none -nographic -no-reboot \
  -kernel "$guest/vmlinuz" -initrd "$work/initrd.cpio" \
  -append "console=ttyAMA0 quiet loglevel=3 panic=-1" \
  -drive "if=none,id=root,file=$guest/rootfs.ext4,format=raw,readonly=on" \
  -device virtio-blk-device,drive=root \
  </dev/null | tr -d '\r' | tee "$work/console"
qemu_rc=${PIPESTATUS[0]}
set -e
[ "$qemu_rc" -eq 124 ] && { echo "boot.sh: guest timed out" >&2; exit 124; }
status=$(sed -n 's/^HINDSIGHT-GUEST-EXIT \([0-9]*\)$/\1/p' "$work/console" | tail -1)
[ -n "$status" ] || { echo "boot.sh: the guest reported no exit status (qemu exited $qemu_rc)" >&2; exit 125; }
exit "$status"
