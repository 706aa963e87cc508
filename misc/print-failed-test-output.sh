#!/usr/bin/env bash
# Prints the end of the output of every test class that failed in the last Maven run (their
# surefire report says failures or errors), so a CI log that shows only the console still shows
# what the failing tests printed: a timed-out test's thread dump, the tracer's log lines.
root=$(cd "$(dirname "$0")/.." && pwd)
for report in "$root"/*/target/surefire-reports/TEST-*.xml; do
  [ -f "$report" ] || continue
  head -c 4096 "$report" | grep -qE '(failures|errors)="[1-9]' || continue
  class=$(basename "$report" .xml); class=${class#TEST-}
  output="$(dirname "$report")/$class-output.txt"
  echo "==== $class failed; the last 300 lines of its output ($output):"
  if [ -f "$output" ]; then tail -n 300 "$output"; else echo "(it printed nothing)"; fi
done
