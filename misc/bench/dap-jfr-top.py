#!/usr/bin/env python3
"""Sums a JFR recording's execution samples (jdk.ExecutionSample): per thread, then the methods
with the most samples on top of the stack (self) and anywhere in it (inclusive), optionally only
of the samples with a frame matching FILTER. Usage: dap-jfr-top.py FILE.jfr [FILTER] [N]"""
import collections
import subprocess
import sys

path = sys.argv[1]
only = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
text = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '96', path],
                      capture_output=True, text=True, check=True).stdout
samples, thread, frames, in_stack = [], None, [], False
for line in text.splitlines():
    s = line.strip()
    if s.startswith('sampledThread = '):
        thread = s.split('"')[1]
    elif s.startswith('stackTrace = ['):
        frames, in_stack = [], True
    elif in_stack and s == ']':
        in_stack = False
        samples.append((thread, frames))
    elif in_stack and s != '...':
        frames.append(s.split('  line:')[0].split('(')[0])
if only:
    samples = [(t, f) for t, f in samples if any(only in x for x in f)]
total = len(samples) or 1
print(f'{len(samples)} samples' + (f' with a frame matching {only!r}' if only else ''))
by_thread = collections.Counter(t.rstrip('0123456789-') for t, _ in samples)
print('by thread: ' + ', '.join(f'{t} {n * 100 / total:.0f}%' for t, n in by_thread.most_common(8)))
self_, incl = collections.Counter(), collections.Counter()
for _, f in samples:
    if f:
        self_[f[0]] += 1
    for m in set(f):
        incl[m] += 1
print('--- self')
for m, n in self_.most_common(top):
    print(f'{n * 100 / total:5.1f}% {m}')
print('--- inclusive')
for m, n in incl.most_common(top * 2):
    print(f'{n * 100 / total:5.1f}% {m}')
