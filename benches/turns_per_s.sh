#!/usr/bin/env bash
# One-core throughput of two builds, interleaved (the machine's speed drifts):
# best of N runs each of `detente simulate --games G` on one core.
#
#   benches/turns_per_s.sh OLD_BINARY [NEW_BINARY] [RUNS] [GAMES]
set -euo pipefail
old=${1:?usage: benches/turns_per_s.sh OLD_BINARY [NEW_BINARY] [RUNS] [GAMES]}
new=${2:-target/release/detente}
runs=${3:-3}
games=${4:-300000}
cpu=${CPU:-1}
rate() {
  RAYON_NUM_THREADS=1 taskset -c "$cpu" "$1" simulate --games "$games" 2>/dev/null |
    sed -n 's/.* \([0-9]*\) turns\/s.*/\1/p'
}
best_old=0; best_new=0
for _ in $(seq "$runs"); do
  a=$(rate "$old"); b=$(rate "$new")
  echo "old $a  new $b"
  [ "$a" -gt "$best_old" ] && best_old=$a
  [ "$b" -gt "$best_new" ] && best_new=$b
done
echo "best of $runs: old $best_old  new $best_new turns/s  ($(awk "BEGIN{printf \"%.3f\", $best_new/$best_old}")x)"
