#!/usr/bin/env bash
# Regenerates Sources/ONNXProto/onnx.pb.swift from Sources/ONNXProto/onnx.proto with Debian's protoc
# and protoc-gen-swift built from the swift-protobuf version Package.swift pins. CI never runs this:
# the generated file is committed (building the plugin takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*swift-protobuf", exact: "\([0-9.]*\)".*/\1/p' Package.swift)
command -v protoc >/dev/null || { apt-get update -qq && apt-get install -y -qq protobuf-compiler; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --branch "$version" https://github.com/apple/swift-protobuf "$work/swift-protobuf"
swift build -c release --package-path "$work/swift-protobuf" --product protoc-gen-swift
protoc --plugin="$work/swift-protobuf/.build/release/protoc-gen-swift" --swift_opt=Visibility=Public \
  --swift_out=Sources/ONNXProto -I Sources/ONNXProto Sources/ONNXProto/onnx.proto
echo "wrote Sources/ONNXProto/onnx.pb.swift (swift-protobuf $version)"
