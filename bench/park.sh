#!/bin/sh
# bench/park.sh DIR: moves DIR aside (to DIR.parked.N) so the next timed run writes a fresh
# folder. The benchmark never deletes between timed runs: on ext4 without a journal, creating
# files is several times slower for minutes after many deletions (the inode allocator skips
# recently deleted inodes), which would make the timings depend on what ran before.
[ -e "$1" ] || exit 0
n=0
while [ -e "$1.parked.$n" ]; do n=$((n + 1)); done
mv "$1" "$1.parked.$n"
