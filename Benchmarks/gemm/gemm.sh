#!/usr/bin/env bash
# The GEMM measurement behind Inference.MatrixProduct: OpenBLAS's sgemm (as detected, and with the
# Haswell kernel that OPENBLAS_CORETYPE selects on some machines) against a blocked SIMD16/FMA
# kernel written in Swift (blocked_kernel.swift), GFLOP/s on 1 and 2 threads.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 openblas.c $(pkg-config --cflags --libs openblas) -o "$work/openblas"
swiftc -O -Ounchecked -target-cpu haswell blocked_kernel.swift -o "$work/blocked" 2>/dev/null
for shape in "2000 4096 1024" "1024 2048 4096"; do
  "$work/openblas" $shape
  OPENBLAS_CORETYPE=Haswell "$work/openblas" $shape
  "$work/blocked" $shape
done
