# RayKit: `make demo` and `make test` work on a fresh Debian machine.
DEBIAN_PACKAGES := libavformat-dev libavcodec-dev libswscale-dev libavutil-dev libcurl4-openssl-dev pkg-config ffmpeg
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
RAYKIT := .build/release/raykit

.PHONY: deps build demo test bench clean fuzz fuzz-build test-asan test-tsan soak

# Installs the Debian packages that are missing, and nothing else.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	swift build -c release --product raykit

demo: build
	@bash scripts/demo.sh $(RAYKIT)

# One test at a time: the CLI tests block their thread while `raykit` runs, and Swift's concurrency pool has
# one thread per core (2 here), which the async client's tests and the FlyingFox test server need free.
test: deps
	swift test --no-parallel

bench: build
	@bash bench/run.sh $(RAYKIT)

# Hardening (issue #10): none of these run in .ci/run, which stays `make test`.
FUZZ_TARGETS ?= FuzzProbe FuzzStills FuzzCrop FuzzAPI
# Seconds each fuzz target runs, executions it stops at (empty: none), media inputs' longest length:
# `make fuzz FUZZ_SECONDS=7200 FUZZ_RUNS=1000000 FUZZ_MEDIA_MAX_LEN=4096 FUZZ_TARGETS=FuzzCrop`.
FUZZ_SECONDS ?= 120
FUZZ_RUNS ?=
FUZZ_MEDIA_MAX_LEN ?= 200000
# Optimised by default (the Swift code runs several times faster; coverage and ASan stay): FUZZ_CONFIG=debug for checks -O removes.
FUZZ_CONFIG ?= release
FUZZ_BUILD := swift build -c $(FUZZ_CONFIG) --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

# libFuzzer targets (Fuzz/), instrumented for coverage and AddressSanitizer.
fuzz-build: deps
	@for t in $(FUZZ_TARGETS); do bash -o pipefail -c '$(FUZZ_BUILD) --product '$$t' 2>&1 | { grep -v "Cannot export local symbol" || true; }' || exit 1; done

# Each target for FUZZ_SECONDS on one core, seeded from fixtures/; prints executions, exec/s, crashes.
fuzz: fuzz-build
	@FUZZ_CONFIG=$(FUZZ_CONFIG) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_MEDIA_MAX_LEN=$(FUZZ_MEDIA_MAX_LEN) bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The whole suite under AddressSanitizer (its own build folder). Leaks are the soak's job: the test
# runners' own allocations at exit are not RayKit's.
test-asan: deps
	bash -o pipefail -c 'swift build --build-tests --sanitize=address --scratch-path .build-asan 2>&1 | { grep -v "Cannot export local symbol" || true; }'
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --sanitize=address --scratch-path .build-asan

# The concurrent parts under ThreadSanitizer: batch probe, stills workers, a clip shared across
# threads, the pipeline with several items in flight (the CLI it starts is built with TSan too).
TSAN_FILTER := ProbeTests/probeAll|StillTests|ClipTests|MemoryInputTests|KeyframeExportTests|PipelineCommandTests
test-tsan: deps
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	SWIFT_BACKTRACE=enable=no TSAN_OPTIONS="halt_on_error=0 suppressions=$(CURDIR)/Fuzz/tsan.supp" \
	  swift test --skip-build --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_FILTER)'

# Leaks and memory: probe + 64 stills + 60-frame crop 1,000 times in one process (RSS flat within 10 %),
# the same under LeakSanitizer, and peak RSS of `raykit frames` on 4K 10-bit HEVC (bench/soak.sh).
soak: deps
	@bash bench/soak.sh

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .build-soak
