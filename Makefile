# RayKit: `make demo` and `make test` work on a fresh Debian machine.
DEBIAN_PACKAGES := libavformat-dev libavcodec-dev libswscale-dev libswresample-dev libavutil-dev libcurl4-openssl-dev pkg-config ffmpeg
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
RAYKIT := .build/release/raykit

.PHONY: deps build demo test bench clean

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

test: deps
	swift test

bench: build
	@bash bench/run.sh $(RAYKIT)

clean:
	rm -rf .build
