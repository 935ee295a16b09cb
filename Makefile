# RayKit: `make demo` and `make test` work on a fresh Debian machine.
DEBIAN_PACKAGES := libavformat-dev libavcodec-dev libswscale-dev libavutil-dev libcurl4-openssl-dev pkg-config ffmpeg
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
RAYKIT := .build/release/raykit

.PHONY: deps build demo test bench eval-shots eval-checks docs clean fuzz fuzz-build test-asan test-tsan soak stage install uninstall dist dist-check

# Installs the Debian packages that are missing, and nothing else.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# The Swift runtime and Foundation linked in: the binary needs only FFmpeg's libraries, libcurl and libc/libstdc++.
build: deps
	swift build -c release --static-swift-stdlib --product raykit

demo: build
	@bash scripts/demo.sh $(RAYKIT)

# `swift test` twice, each in parallel: the suites using the local Scenario server, then the rest (scripts/test.sh says why).
test: deps
	@bash scripts/test.sh

bench: build
	@bash bench/run.sh $(RAYKIT)

# For a labelled set: pip-installs its Python packages ($(2)) when one of its imports ($(1)) is missing, and
# builds raykit when RAYKIT is missing.
define eval_setup
	@python3 -c "import $(1)" 2>/dev/null || { \
	  echo "Installing (pip): $(2)"; python3 -m pip install --quiet $(2); }
	@[ -x $(RAYKIT) ] || swift build -c release --static-swift-stdlib --product raykit
endef

# Issue #18's labelled shot set: real photographs (scikit-image's bundled ones) made into clips with their ground
# truth (bench/shot_eval/generate.py, into EVAL_SHOTS_DIR; clips already made with the same plan are kept), then
# `raykit shots` and PySceneDetect's ContentDetector and AdaptiveDetector scored on it (bench/shot_eval/score.py,
# report in EVAL_SHOTS_DIR/scores.md), and `--decode sparse` checked against `--decode full` on every clip
# (bench/shot_eval/compare_paths.py, into EVAL_SHOTS_DIR/paths.md). Builds raykit only when RAYKIT is missing:
# rebuild it after changing the code.
EVAL_SHOTS_DIR ?= bench/work/shot_eval
EVAL_SHOTS_IMPORTS := numpy, skimage, PIL, scenedetect, cv2
EVAL_SHOTS_PIP := scikit-image scenedetect-headless
eval-shots: deps
	$(call eval_setup,$(EVAL_SHOTS_IMPORTS),$(EVAL_SHOTS_PIP))
	python3 bench/shot_eval/generate.py $(EVAL_SHOTS_DIR)
	python3 bench/shot_eval/score.py --raykit $(RAYKIT) --set $(EVAL_SHOTS_DIR) --out $(EVAL_SHOTS_DIR)/scores.md
	python3 bench/shot_eval/compare_paths.py --raykit $(RAYKIT) --set $(EVAL_SHOTS_DIR) --out $(EVAL_SHOTS_DIR)/paths.md

# Issue #18's labelled set for `raykit check loop|edit|reframe`: good results and degraded ones (a seam, a frame
# drop, a shifted or rescaled placement, a painted-over region, a colour shift) made from the same photographs
# (bench/check_eval/generate.py, into EVAL_CHECKS_DIR; photographs already made from the same seed are kept), then
# every check's verdicts scored and its thresholds chosen from the calibration half (bench/check_eval/score.py,
# report in EVAL_CHECKS_DIR/scores.md). Builds raykit only when RAYKIT is missing: rebuild it after changing the code.
EVAL_CHECKS_DIR ?= bench/work/check_eval
EVAL_CHECKS_IMPORTS := numpy, skimage, PIL, cv2
EVAL_CHECKS_PIP := scikit-image opencv-python-headless
eval-checks: deps
	$(call eval_setup,$(EVAL_CHECKS_IMPORTS),$(EVAL_CHECKS_PIP))
	python3 bench/check_eval/generate.py $(EVAL_CHECKS_DIR)
	python3 bench/check_eval/score.py --raykit $(RAYKIT) --set $(EVAL_CHECKS_DIR) --out $(EVAL_CHECKS_DIR)/scores.md

# DocC, not part of `make test`: one archive with the RayKit landing page and getting-started article and every
# module RayKit re-exports (DocC documents a module's own symbols only, so each is a target of its own), written to
# .build/plugins/Swift-DocC/outputs/RayKit.doccarchive.
DOC_TARGETS := RayKit RayMedia RayCanvas RayModels RayPipeline RayAPI RayVersion
docs: deps
	swift package generate-documentation $(addprefix --target ,$(DOC_TARGETS)) --enable-experimental-combined-documentation

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

# The concurrent parts under ThreadSanitizer: batch probe, stills workers, a clip shared across threads,
# async frames, the pipeline with several items in flight (the CLI it starts is built with TSan too).
TSAN_FILTER := ProbeTests/probeAll|StillTests|ClipTests|ClipFramesTests|MemoryInputTests|KeyframeExportTests|PipelineCommandTests
test-tsan: deps
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	SWIFT_BACKTRACE=enable=no TSAN_OPTIONS="halt_on_error=0 suppressions=$(CURDIR)/Fuzz/tsan.supp" \
	  swift test --skip-build --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_FILTER)'

# Leaks and memory: probe + 64 stills + 60-frame crop 1,000 times in one process (RSS flat within 10 %),
# the same under LeakSanitizer, and peak RSS of `raykit frames` on 4K 10-bit HEVC (bench/soak.sh).
soak: deps
	@bash bench/soak.sh

# Shipping (issue #20). The version is read from its one place.
VERSION := $(shell sed -n 's/.*static let current = "\(.*\)"/\1/p' Sources/RayVersion/RayKitVersion.swift)
DIST_NAME := raykit-$(VERSION)-linux-$(shell uname -m)
PREFIX ?= /usr/local
# What `make install` puts under $(DESTDIR)$(PREFIX) and `make uninstall` removes, as laid out in STAGE.
SHIPPED := bin/raykit share/man/man1/raykit.1 share/bash-completion/completions/raykit \
           share/zsh/site-functions/_raykit share/fish/vendor_completions.d/raykit.fish
STAGE := .build-dist/$(DIST_NAME)

# The release binary, the man page and the completions (both generated from the argument parser), README,
# LICENSE and CHANGELOG, laid out as the tarball holds them.
stage: build
	@rm -rf $(STAGE) && mkdir -p $(STAGE)/bin $(STAGE)/share/bash-completion/completions $(STAGE)/share/zsh/site-functions \
	  $(STAGE)/share/fish/vendor_completions.d
	cp $(RAYKIT) $(STAGE)/bin/raykit && cp README.md LICENSE CHANGELOG.md $(STAGE)/
	bash scripts/man-page.sh $(STAGE)/share/man/man1/raykit.1
	$(RAYKIT) --generate-completion-script bash > $(STAGE)/share/bash-completion/completions/raykit
	$(RAYKIT) --generate-completion-script zsh > $(STAGE)/share/zsh/site-functions/_raykit
	$(RAYKIT) --generate-completion-script fish > $(STAGE)/share/fish/vendor_completions.d/raykit.fish

install: stage
	@for f in $(SHIPPED); do \
	  mode=644; [ $$f = bin/raykit ] && mode=755; \
	  install -D -m $$mode $(STAGE)/$$f "$(DESTDIR)$(PREFIX)/$$f" && echo "installed $(DESTDIR)$(PREFIX)/$$f" || exit 1; \
	done

uninstall:
	@for f in $(SHIPPED); do rm -f "$(DESTDIR)$(PREFIX)/$$f" && echo "removed $(DESTDIR)$(PREFIX)/$$f"; done

# dist/raykit-VERSION-linux-ARCH.tar.gz, reproducible: sorted, owned by root, dated by the last commit.
dist: stage
	@mkdir -p dist
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$$(git log -1 --format=%ct 2>/dev/null || date +%s) \
	  -C .build-dist -cf - $(DIST_NAME) | gzip -n > dist/$(DIST_NAME).tar.gz
	@echo "wrote dist/$(DIST_NAME).tar.gz"

# Slow, and not part of `make test` or .ci/run: the tarball on a clean Debian 12 root (scripts/dist-check.sh),
# then `make install` into a scratch DESTDIR (exactly the SHIPPED files) and `make uninstall` (none left).
dist-check: dist
	bash scripts/dist-check.sh dist/$(DIST_NAME).tar.gz
	@scratch=$$(mktemp -d); \
	$(MAKE) --no-print-directory install DESTDIR=$$scratch PREFIX=/usr >/dev/null || exit 1; \
	installed=$$(cd $$scratch/usr && find . -type f | sed 's|^\./||' | sort | tr '\n' ' '); \
	$(MAKE) --no-print-directory uninstall DESTDIR=$$scratch PREFIX=/usr >/dev/null; \
	left=$$(find $$scratch -type f); rm -rf $$scratch; \
	[ "$$installed" = "$$(printf '%s\n' $(SHIPPED) | sort | tr '\n' ' ')" ] || { echo "dist-check: FAIL: make install put $$installed"; exit 1; }; \
	[ -z "$$left" ] || { echo "dist-check: FAIL: make uninstall left $$left"; exit 1; }; \
	echo "dist-check: PASS: make install put exactly the $(words $(SHIPPED)) files under DESTDIR/PREFIX, make uninstall removed them"

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .build-soak .build-dist dist
