# hlsprune — every entry point installs what is missing first, so a fresh Debian machine with
# Swift needs nothing else. `make test` and `make demo` are the two commands of the README.

SWIFT          ?= swift
SYSTEM_PACKAGES = libhdf5-dev zlib1g-dev libopenblas-dev pkg-config
DEMO_MODEL      = Fixtures/trained/jet_trained.keras
DEMO_OUTPUT     = .build/demo
PREFIX         ?= /usr/local
FIXTURE_VENV    = .venv-fixtures
QKERAS_VENV     = .venv-qkeras
FUZZ_MUTANTS   ?= 3000
FUZZ_SEED      ?= 13
SUDO           := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test lint format install demo bench fuzz fixtures clean

all: build

# Installs the C libraries only when pkg-config cannot find them, and a C++ compiler (the tests
# compile the emitted weight headers) only when there is none.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists hdf5 zlib openblas; then \
		echo "make: installing $(SYSTEM_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi
	@if ! command -v c++ >/dev/null 2>&1; then \
		echo "make: installing g++"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq g++; \
	fi

build: deps
	$(SWIFT) build

test: deps lint
	$(SWIFT) build --build-tests
	Scripts/check-library-example.sh
	$(SWIFT) test --skip-build --disable-xctest

# swift-format (part of the toolchain) with the rules of .swift-format, failing on any finding. Its
# pretty-printer is left out (--debug-disable-pretty-print, swift-format's own switch): it cannot
# express the continuation lines aligned under their opening parenthesis that most files use, and
# would re-wrap ~700 lines. `make format` applies the same rules' automatic fixes in place (it also
# puts a blank line before `#if canImport` and `@testable` imports, which lint does not ask for). The
# generated Sources/ONNXProto/onnx.pb.swift opts out with its `// swift-format-ignore-file` line.
FORMAT_PATHS = Sources Tests Plugins Package.swift

lint:
	$(SWIFT) format lint --strict --debug-disable-pretty-print --parallel --recursive $(FORMAT_PATHS)

format:
	$(SWIFT) format format --in-place --debug-disable-pretty-print --parallel --recursive $(FORMAT_PATHS)

# Installs the release binary (Swift runtime linked in; libhdf5 and zlib stay shared) as
# $(DESTDIR)$(PREFIX)/bin/hlsprune. Nothing else is needed beside it: the texts of templates/ are
# compiled in (Sources/HLSEmit/Templates.swift).
install: deps
	$(SWIFT) build -c release --static-swift-stdlib
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/hlsprune" "$(DESTDIR)$(PREFIX)/bin/hlsprune"

# Prunes the trained jet-tagging fixture for DSPs (Resource, RF 4), searching for the highest
# sparsity that keeps validation accuracy within 2 % (2 000 samples), and shows the report.
demo: build
	$(SWIFT) run --skip-build hlsprune inspect $(DEMO_MODEL)
	$(SWIFT) run --skip-build hlsprune prune $(DEMO_MODEL) -o $(DEMO_OUTPUT) --force --objective dsp \
		--strategy Resource --reuse-factor 4 --x Fixtures/trained/jet_trained.val.x.npy --y Fixtures/trained/jet_trained.val.y.npy --rtol 0.98
	cat $(DEMO_OUTPUT)/report.md

# Release-build timings against the Python tools on the same inputs (Benchmarks/*.sh).
bench: deps
	@command -v hyperfine >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq hyperfine; }
	$(SWIFT) build -c release --static-swift-stdlib
	Benchmarks/gemm/gemm.sh
	Benchmarks/inspect.sh
	Benchmarks/predict.sh
	Benchmarks/knapsack.sh
	Benchmarks/masks.sh
	Benchmarks/emit.sh
	Benchmarks/onnx.sh
	Benchmarks/training.sh
	Benchmarks/search.sh
	Benchmarks/firmware.sh

# Structure-aware mutants of the fixtures (Sources/MutationFuzzer) through inspect, emit,
# prune --dry-run and convert (release build, 2 GiB and 60 s per run); the mutants of failing runs
# are kept in .build/fuzz-failures. Then SIGKILL at random moments of prune -o, emit and convert.
fuzz: deps
	$(SWIFT) build -c release --product hlsprune
	$(SWIFT) build -c release --product MutationFuzzer
	.build/release/MutationFuzzer --executable .build/release/hlsprune --count $(FUZZ_MUTANTS) --seed $(FUZZ_SEED) --save-failures .build/fuzz-failures
	Scripts/check-kill-safety.sh .build/release/hlsprune 30

# Regenerates Fixtures/models with real Keras 2 and Keras 3 (needs PyPI; never run by test or demo).
fixtures:
	@[ -x $(FIXTURE_VENV)/bin/python ] || python3 -m venv $(FIXTURE_VENV)
	$(FIXTURE_VENV)/bin/pip install -q -r Fixtures/generate/requirements.txt
	$(FIXTURE_VENV)/bin/python Fixtures/generate/generate.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/masks.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_outputs.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_precedence.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_reuse_factors.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_activation_layers.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/keras_json.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/jet_trained.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/training_steps.py
	@command -v g++ >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq g++; }
	$(FIXTURE_VENV)/bin/python Fixtures/generate/ap_types_golden.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_firmware.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_firmware_cnn.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_firmware_graphs.py
	@[ -x $(QKERAS_VENV)/bin/python ] || python3 -m venv $(QKERAS_VENV)
	$(QKERAS_VENV)/bin/pip install -q --no-deps -r Fixtures/generate/requirements-qkeras.txt
	$(QKERAS_VENV)/bin/python Fixtures/generate/qkeras_models.py
	$(QKERAS_VENV)/bin/python Fixtures/generate/qkeras_masks.py
	PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python $(QKERAS_VENV)/bin/python Fixtures/generate/hls4ml_firmware_qkeras.py
	$(QKERAS_VENV)/bin/python Fixtures/generate/qkeras_training_steps.py
	$(QKERAS_VENV)/bin/python Fixtures/generate/qkeras_weight_kinds.py
	$(QKERAS_VENV)/bin/python Fixtures/generate/qkeras_hls4ml_resource.py
	$(QKERAS_VENV)/bin/python Fixtures/generate/hls4ml_nested.py
	$(QKERAS_VENV)/bin/python Fixtures/generate/hls4ml_thresholded_relu.py
	$(FIXTURE_VENV)/bin/pip install -q --no-deps --upgrade --target .venv-qkeras3 qkeras-v3==1.2.1
	PYTHONPATH=.venv-qkeras3 $(FIXTURE_VENV)/bin/python Fixtures/generate/qkeras_models.py --keras3
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hessians.py
	$(SWIFT) build -c release
	$(FIXTURE_VENV)/bin/python Fixtures/generate/onnx_models.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/legacy_onnx.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/qonnx_models.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_qonnx.py
	$(FIXTURE_VENV)/bin/pip install -q -r Fixtures/generate/requirements-torch.txt
	$(FIXTURE_VENV)/bin/python Fixtures/generate/torch_models.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/grouped.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_onnx_configs.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_onnx_outputs.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/pruned_models.py .build/release/hlsprune
	$(FIXTURE_VENV)/bin/python Fixtures/generate/keras_json_pruned.py .build/release/hlsprune
	$(FIXTURE_VENV)/bin/python Fixtures/generate/exported_onnx.py .build/release/hlsprune
	$(FIXTURE_VENV)/bin/python Fixtures/generate/keras_conversions.py .build/release/hlsprune
	$(QKERAS_VENV)/bin/python Fixtures/generate/qkeras_pruned.py .build/release/hlsprune
	PYTHONPATH=.venv-qkeras3 $(FIXTURE_VENV)/bin/python Fixtures/generate/qkeras_pruned.py .build/release/hlsprune --keras3

clean:
	rm -rf .build
