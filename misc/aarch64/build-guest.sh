#!/usr/bin/env bash
# Builds, once, an arm64 Linux guest for qemu-system-aarch64 (-M virt) from Debian arm64 packages
# and prints the directory holding it (default ~/.cache/hindsight/aarch64/guest-KEY):
#   vmlinuz      Debian's arm64 cloud kernel (ext4 built in, virtio as modules)
#   modules/     the few virtio modules the initramfs loads to reach the root disk
#   rootfs.ext4  a read-only root: libc, a Java 17 runtime, libcapstone, busybox, and gdb (the
#                guest tests' oracle, Debian's gdb-minimal: no Python, a native arm64 gdb)
# KEY is a hash of this script, so editing the package list builds a fresh guest. Nothing here
# needs the network beyond Debian's package archive (apt-get download); the .deb files are kept
# in CACHE/debs, so a rebuild (after editing this script) works offline.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
"$here/../ensure-deps.sh" qemu-system-arm e2fsprogs cpio
cache=${HINDSIGHT_AARCH64_CACHE:-$HOME/.cache/hindsight/aarch64}
key=$(sha256sum "$here/build-guest.sh" | cut -c1-12)
out=$cache/guest-$key
if [ -s "$out/rootfs.ext4" ] && [ -s "$out/vmlinuz" ]; then echo "$out"; exit 0; fi

# The runtime the tracer's tests need inside, and nothing of the JRE's desktop half (fonts, sound,
# cups): the headless JVM only loads libc, libgcc, libstdc++ and zlib (checked below).
packages=(libc6 libgcc-s1 libstdc++6 zlib1g busybox-static libcapstone4 openjdk-17-jre-headless)
# The oracle: gdb-minimal and the libraries it loads (its libdebuginfod pulls in libcurl's closure;
# debuginfod itself stays off, the guest has no network). About 25 MB; the root is read lazily, so
# it costs the boot nothing, and a gdb start about a second under emulation.
packages+=(gdb-minimal libbrotli1 libbz2-1.0 libcom-err2 libcurl3-gnutls libdb5.3 libdebuginfod1 libdw1
  libelf1 libexpat1 libffi8 libgmp10 libgnutls30 libgssapi-krb5-2 libhogweed6 libidn2-0 libk5crypto3
  libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0 liblzma5 libnettle8 libnghttp2-14 libp11-kit0
  libpsl5 libreadline8 librtmp1 libsasl2-2 libssh2-1 libssl3 libtasn1-6 libtinfo6 libunistring2
  libxxhash0 libzstd1)

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  [ "$(id -u)" -eq 0 ] || { echo "aarch64 guest: run 'dpkg --add-architecture arm64 && apt-get update' as root" >&2; exit 1; }
  dpkg --add-architecture arm64
  apt-get update -qq >&2
fi
# The cloud kernel flavour: the virt machine's devices without 300 MB of modules. Its versioned
# package is whatever Debian's metapackage points at today.
kernel_pkg=$(apt-cache depends linux-image-cloud-arm64:arm64 2>/dev/null | sed -n 's/ *Depends: \(linux-image-[0-9].*-cloud-arm64\).*/\1/p' | head -1)
[ -n "$kernel_pkg" ] || { echo "aarch64 guest: no linux-image-cloud-arm64 in the apt lists (apt-get update?)" >&2; exit 1; }
# The signed image package only wraps the unsigned one's files; take the unsigned one.
kernel_pkg=${kernel_pkg}-unsigned

mkdir -p "$cache"
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root" "$work/kernel" "$cache/debs"
# Only what is not in the .deb cache yet is fetched (any cached version of a package will do).
fetch=()
for pkg in "${packages[@]}" "$kernel_pkg"; do
  compgen -G "$cache/debs/${pkg}_*_arm64.deb" >/dev/null || fetch+=("$pkg:arm64")
done
if [ ${#fetch[@]} -gt 0 ]; then
  (cd "$cache/debs" && apt-get download -q "${fetch[@]}" >&2 2>/dev/null) \
    || (cd "$cache/debs" && apt-get download "${fetch[@]}" >&2)
fi
for pkg in "${packages[@]}" "$kernel_pkg"; do
  deb=$(ls -t "$cache/debs/${pkg}"_*_arm64.deb | head -1)
  case $(basename "$deb") in
    linux-image-*) dpkg-deb -x "$deb" "$work/kernel" ;;
    *) dpkg-deb -x "$deb" "$work/root" ;;
  esac
done

root=$work/root
# Debian's usrmerge layout: /lib and /bin are links into /usr in an installed system.
for d in bin sbin lib; do
  if [ -d "$root/$d" ] && [ ! -L "$root/$d" ]; then cp -a "$root/$d/." "$root/usr/$d/" && rm -rf "${root:?}/$d"; fi
  ln -sfn "usr/$d" "$root/$d"
done
mkdir -p "$root"/{proc,sys,dev,tmp,mnt/payload,etc,root}
ln -sfn /usr/bin/busybox "$root/usr/bin/sh"
for tool in mount umount cat echo ls mkdir poweroff sync uname env id dmesg; do
  [ -e "$root/usr/bin/$tool" ] || ln -s busybox "$root/usr/bin/$tool"
done
java_home=$(dirname "$(dirname "$(find "$root/usr/lib/jvm" -path '*/bin/java' -type f | head -1)")")
ln -sfn "${java_home#"$root"}/bin/java" "$root/usr/bin/java"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
# The JRE's packaging normally builds its class-data archive and security links in postinst;
# an unconfigured unpack still runs (-Xshare:auto falls back), so nothing more is needed.

# Every library the JVM's core pieces need must be in the root: a missing one would only show
# as a guest that cannot start java.
missing=0
for so in "$java_home/bin/java" "$java_home"/lib/{libjli,libjava,libzip,libnio,libnet,libjimage,libverify}.so \
          "$java_home/lib/server/libjvm.so" "$root"/usr/lib/aarch64-linux-gnu/*.so.* "$root/usr/bin/gdb"; do
  [ -L "$so" ] && continue
  for need in $(readelf -d "$so" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'); do
    if ! find "$root/usr/lib" "$java_home/lib" -name "$need" | grep -q .; then
      echo "aarch64 guest: $(basename "$so") needs $need, not in the root" >&2; missing=1
    fi
  done
done
[ $missing -eq 0 ] || exit 1

kver=$(ls "$work/kernel/lib/modules")
mkdir -p "$work/out/modules"
cp "$work/kernel/boot/vmlinuz-$kver" "$work/out/vmlinuz"
# Load order matters (no depmod in the guest): each after what its depends= names.
for m in drivers/virtio/virtio_ring.ko drivers/virtio/virtio.ko drivers/virtio/virtio_mmio.ko \
         drivers/block/virtio_blk.ko; do
  cp "$work/kernel/lib/modules/$kver/kernel/$m" "$work/out/modules/"
done
printf "%s\n" virtio_ring virtio virtio_mmio virtio_blk > "$work/out/modules/order"
cp "$root/usr/bin/busybox" "$work/out/busybox"
size_mb=$(( $(du -sm "$root" | cut -f1) * 12 / 10 + 64 ))
mke2fs -q -t ext4 -L hindsight-a64 -d "$root" "$work/out/rootfs.ext4" "${size_mb}M" >&2
echo "$kver ${packages[*]}" > "$work/out/CONTENTS"
rm -rf "$out" && mv "$work/out" "$out"
echo "$out"
