#!/usr/bin/env bash
# Builds the README's library example as the separate package it is (Examples/PruneForDSPs,
# depending on this repository by path) and checks that it writes what the equivalent
# `hlsprune prune` writes, byte for byte (report.json apart from its timing). Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --package-path Examples/PruneForDSPs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
model=Fixtures/trained/jet_trained.keras
Examples/PruneForDSPs/.build/debug/PruneForDSPs "$model" "$work/library" > /dev/null
swift run --skip-build hlsprune prune "$model" -o "$work/command" --objective dsp --strategy Resource --reuse-factor 4 --sparsity 0.5 > /dev/null
diff -r -x report.json "$work/library" "$work/command"
diff <(sed 's/"seconds": [0-9.e-]*//' "$work/library/report.json") <(sed 's/"seconds": [0-9.e-]*//' "$work/command/report.json")
echo "library example: the separate package writes what hlsprune prune writes"
