# hlsprune — every entry point installs what is missing first, so a fresh Debian machine with
# Swift needs nothing else. `make test` and `make demo` are the two commands of the README.

SWIFT          ?= swift
SYSTEM_PACKAGES = libhdf5-dev zlib1g-dev pkg-config
DEMO_MODEL      = Fixtures/trained/jet_trained.keras
DEMO_OUTPUT     = .build/demo
FIXTURE_VENV    = .venv-fixtures
FUZZ_MUTANTS   ?= 3000
FUZZ_SEED      ?= 13
SUDO           := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test demo bench fuzz fixtures clean

all: build

# Installs the C libraries only when pkg-config cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists hdf5 zlib; then \
		echo "make: installing $(SYSTEM_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	Scripts/check-library-example.sh
	$(SWIFT) test --skip-build --disable-xctest

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
	Benchmarks/inspect.sh
	Benchmarks/predict.sh
	Benchmarks/knapsack.sh
	Benchmarks/masks.sh
	Benchmarks/emit.sh
	Benchmarks/onnx.sh
	Benchmarks/training.sh

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
	$(FIXTURE_VENV)/bin/python Fixtures/generate/jet_trained.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/training_steps.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hessians.py
	$(SWIFT) build -c release
	$(FIXTURE_VENV)/bin/python Fixtures/generate/onnx_models.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/grouped.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/hls4ml_onnx_configs.py
	$(FIXTURE_VENV)/bin/python Fixtures/generate/pruned_models.py .build/release/hlsprune
	$(FIXTURE_VENV)/bin/python Fixtures/generate/exported_onnx.py .build/release/hlsprune

clean:
	rm -rf .build
