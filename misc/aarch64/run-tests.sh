#!/usr/bin/env bash
# Runs tests inside an arm64 guest (qemu-system-aarch64, see boot.sh and build-guest.sh): compiles
# the tracer, hindsight gdb (mi-server) and the DAP server with their tests on the host, cross-builds the fixtures
# under tracer/src/test/resources/programs/aarch64/ with clang --target=aarch64-linux-gnu, packs
# classes, jars and fixtures into the guest's payload, boots it and runs JUnit there. Exits with the
# guest's result (0: every test passed and at least one ran).
#   usage: run-tests.sh [PACKAGE-OR-CLASS…]   (default: dev.hindsight.tracer.aarch64 dev.hindsight.mi.aarch64 dev.hindsight.dap.aarch64)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
"$root/misc/ensure-deps.sh" clang binutils binutils-aarch64-linux-gnu libc6-dev-arm64-cross gcc-aarch64-linux-gnu qemu-system-arm gdb-multiarch
# Emulation (TCG) needs no KVM, so any host with the package runs the guest. One that cannot even
# create the machine (no such accelerator, a sandbox without the syscalls qemu needs) skips, saying why.
if ! probe=$(printf '{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n' | timeout 60 qemu-system-aarch64 \
      -M virt -cpu max,pauth-impdef=on -display none -nodefaults -S -qmp stdio 2>&1); then
  echo "aarch64 guest: SKIPPED, this host cannot run qemu-system-aarch64 -M virt -cpu max: $probe" >&2
  exit 0
fi
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(dev.hindsight.tracer.aarch64 dev.hindsight.mi.aarch64 dev.hindsight.dap.aarch64)
triple=aarch64-linux-gnu
# The JUnit platform launcher of the pom's junit.version (Jupiter 5.X.Y runs on platform 1.X.Y):
# read from the pom, so that an upgrade cannot leave the guest with unaligned jars.
junit_version=$(sed -n 's:.*<junit.version>\(5\.[0-9.]*\)</junit.version>.*:\1:p' "$root/pom.xml")
[ -n "$junit_version" ] || { echo "aarch64 guest: no 5.x junit.version in $root/pom.xml" >&2; exit 1; }
launcher_version=1.${junit_version#5.}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
payload=$work/payload
mkdir -p "$payload/lib" "$payload/runner" "$payload/tracer/target" "$payload/tracer/src/test/resources"

cd "$root"
mvn=(nice -n 10 mvn -q -B -ntp)
# mi-server's and dap-server's test classpaths hold the tracer's (and index's) classes and test classes,
# reactor directories here: each module writes its own (a relative outputFile is the module's), then
# the two are joined without repeats.
"${mvn[@]}" -pl mi-server,dap-server -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/guest-test-cp.txt >/dev/null
cat "$root/mi-server/target/guest-test-cp.txt" <(echo) "$root/dap-server/target/guest-test-cp.txt" | tr ":" "\n" \
  | awk 'NF && !seen[$0]++' | paste -sd: > "$work/cp.txt"
"${mvn[@]}" dependency:copy -Dartifact="org.junit.platform:junit-platform-launcher:$launcher_version" \
  -DoutputDirectory="$payload/lib" >/dev/null
# Jars go to lib/; the reactor's class directories keep their place under the payload.
guest_cp="mi-server/target/classes:mi-server/target/test-classes:dap-server/target/classes:dap-server/target/test-classes"
for module in mi-server dap-server; do
  mkdir -p "$payload/$module/target"
  cp -a "$root/$module/target/classes" "$root/$module/target/test-classes" "$payload/$module/target/"
done
while read -r entry || [ -n "$entry" ]; do
  case $entry in
    "") ;;
    "$root"/*) rel=${entry#"$root"/}; mkdir -p "$payload/$(dirname "$rel")"; cp -a "$entry" "$payload/$rel"; guest_cp="$guest_cp:$rel" ;;
    *) cp "$entry" "$payload/lib/" ;;
  esac
done < <(tr ":" "\n" < "$work/cp.txt")
host_cp="$root/tracer/target/classes:$root/tracer/target/test-classes:$(cat "$work/cp.txt")"
javac --release 17 -d "$payload/runner" -cp "$payload/lib/*" "$here/GuestTestMain.java"
(cd "$root/tracer" && nice -n 10 java -Dhindsight.fixtures.target=$triple -cp "$host_cp" \
  dev.hindsight.tracer.testing.CrossFixtures aarch64)

cp -a "$root/tracer/target/classes" "$root/tracer/target/test-classes" "$payload/tracer/target/"
cp -a "$root/tracer/target/fixtures-$triple" "$payload/tracer/target/"
cp -a "$root/tracer/src/test/resources/programs" "$payload/tracer/src/test/resources/"
guest_cp=$(tr ":" "\n" <<< "$guest_cp" | sed 's:^:/mnt/payload/:' | paste -sd:)
# C1 only and the serial collector: under emulation the JVM's start-up and JIT work dominate (for the
# JVMs the tests start too: hindsight gdb's, through JAVA_TOOL_OPTIONS).
cat > "$payload/run.sh" <<RUN
echo "guest uptime at run.sh: \$(cut -d' ' -f1 /proc/uptime) s"
cd /mnt/payload/tracer
export JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
exec java -Dhindsight.fixtures.target=$triple -Djna.tmpdir=/tmp \\
  -cp "$guest_cp:/mnt/payload/runner:/mnt/payload/lib/*" GuestTestMain ${tests[*]}
RUN
start=$(date +%s)
set +e
"$here/boot.sh" "$payload"
rc=$?
set -e
echo "aarch64 guest: exit $rc, boot to result $(( $(date +%s) - start )) s" >&2
exit $rc
