#!/usr/bin/env bash
# Checks that a build of the simulator plays exactly the games a reference
# build plays: `detente simulate` outputs (timing lines removed) and games
# logs byte-identical over random, greedy, expert and history play, both
# sides, every difficulty. Used for performance work, which must change
# nothing but speed.
#
#   benches/same_results.sh REFERENCE_BINARY [NEW_BINARY]
#
# NEW_BINARY defaults to target/release/detente. Reference outputs are kept
# in $SAME_DIR (default /tmp/same-results/ref) and made once per reference.
set -euo pipefail
ref=${1:?usage: benches/same_results.sh REFERENCE_BINARY [NEW_BINARY]}
new=${2:-target/release/detente}
dir=${SAME_DIR:-/tmp/same-results}
mkdir -p "$dir/ref" "$dir/new"
runs=(
  "random_w|--games 3000"
  "random_m|--games 3000 --side moscow"
  "greedy|--policy greedy --games 500"
  "expert_w|--policy expert --games 40"
  "expert_m|--policy expert --games 40 --side moscow"
  "history_w|--policy history --games 200"
  "history_m|--policy history --games 200 --side moscow"
  "easy|--games 3000 --difficulty easy"
  "hard|--games 3000 --difficulty hard"
  "easy_m|--games 1000 --difficulty easy --side moscow"
  "hard_m|--games 1000 --difficulty hard --side moscow"
  "log_w|--games 500 --games-log @LOG@"
  "log_m|--games 300 --side moscow --difficulty hard --games-log @LOG@"
  "log_hist|--policy history --games 100 --games-log @LOG@"
)
# The timing line ("turns N  wall S  R turns/s") is the only one that varies.
strip() { grep -v -E 'wall [0-9.]+ s|turns/s' || true; }
fail=0
for r in "${runs[@]}"; do
  name=${r%%|*}
  args=${r#*|}
  for which in ref new; do
    bin=$ref
    [ "$which" = new ] && bin=$new
    out="$dir/$which/$name"
    if [ "$which" = ref ] && [ -s "$out.txt" ] && [ "$(cat "$dir/ref/.binary" 2>/dev/null)" = "$(sha256sum < "$ref")" ]; then
      continue
    fi
    a=${args//@LOG@/$out.log}
    # shellcheck disable=SC2086
    "$bin" simulate $a 2>/dev/null | strip > "$out.txt"
  done
  if cmp -s "$dir/ref/$name.txt" "$dir/new/$name.txt" &&
     { [ ! -e "$dir/ref/$name.log" ] || cmp -s "$dir/ref/$name.log" "$dir/new/$name.log"; }; then
    echo "same  $name ($args)"
  else
    echo "DIFF  $name ($args)"
    fail=1
  fi
done
sha256sum < "$ref" > "$dir/ref/.binary"
[ $fail = 0 ] && echo "all identical" || { echo "RESULTS DIFFER"; exit 1; }
