#!/usr/bin/env bash
# Kill-safety of the writing commands: starts `prune -o`, `emit -o` and `convert` on the trained
# jet fixture, kills each with SIGKILL at seeded random moments within a complete run's duration,
# and checks that the destination is either absent or identical to a complete run's output, that
# the input is unchanged (SHA-256), and that a later run into the same destination succeeds with
# the killed runs' stale `.partial` staging folders still beside it.
#
#   Scripts/check-kill-safety.sh [hlsprune executable] [kills per command]
set -euo pipefail
cd "$(dirname "$0")/.."
hlsprune=${1:-.build/release/hlsprune}
kills=${2:-30}
model=Fixtures/trained/jet_trained.keras
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RANDOM=13
checksum=$(sha256sum "$model" | cut -d' ' -f1)
failures=0

# run <name> <destination>: becomes (exec) the command <name> writing <destination>, so that a
# background run's $! is hlsprune itself; call it in a subshell to wait for it.
run() {
    case $1 in
        prune) exec "$hlsprune" prune "$model" -o "$2" --objective dsp --strategy Resource --reuse-factor 4 --sparsity 0.6 ;;
        emit) exec "$hlsprune" emit "$model" -o "$2" --strategy Resource --reuse-factor 4 ;;
        convert) exec "$hlsprune" convert "$model" "$2" ;;
    esac
}

# What a complete output holds: every file with its bytes (report.* excepted: it states timings).
fingerprint() {
    if [ -d "$1" ]; then (cd "$1" && find . -type f ! -name 'report.*' -print0 | sort -z | xargs -0 sha256sum); else sha256sum < "$1"; fi
}

for name in prune emit convert; do
    before=$failures
    complete=0
    suffix=$([ "$name" = convert ] && echo .onnx || echo "")
    start=$(date +%s%N)
    (run "$name" "$work/$name-reference$suffix") > /dev/null 2>&1
    duration_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    reference=$(fingerprint "$work/$name-reference$suffix")
    for attempt in $(seq 1 "$kills"); do
        destination="$work/$name-$attempt$suffix"
        delay_ms=$(( RANDOM % (duration_ms + 1) ))
        run "$name" "$destination" > /dev/null 2>&1 &
        pid=$!
        sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
        kill -KILL "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        if [ -e "$destination" ]; then
            if [ "$(fingerprint "$destination")" = "$reference" ]; then complete=$((complete + 1)); else
                echo "FAIL: $name killed after ${delay_ms} ms left a partial $destination"
                failures=$((failures + 1))
            fi
        fi
    done
    # The stale staging folders of the killed runs do not stop the next run into a killed destination.
    (run "$name" "$work/$name-after-kills$suffix") > /dev/null 2>&1 || { echo "FAIL: $name after kills"; failures=$((failures + 1)); }
    if [ ! -e "$work/$name-1$suffix" ]; then
        (run "$name" "$work/$name-1$suffix") > /dev/null 2>&1 || { echo "FAIL: $name into a killed run's destination"; failures=$((failures + 1)); }
    fi
    stale=$(find "$work" -maxdepth 1 -name "*.partial" | wc -l)
    echo "$name: $kills kills within ${duration_ms} ms runs: $complete complete, $((kills - complete - failures + before)) absent, $((failures - before)) partial; $stale stale .partial staging folders left beside"
done
[ "$(sha256sum "$model" | cut -d' ' -f1)" = "$checksum" ] || { echo "FAIL: the input changed"; failures=$((failures + 1)); }
[ "$failures" = 0 ] && echo "kill-safety: all destinations complete or absent, input unchanged" || exit 1
