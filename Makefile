# Callboard. Two commands do everything on a fresh machine:
#   make run    build and open Callboard (installs what it needs first)
#   make test   every check: vet, staticcheck, race tests, a fuzz run, a headless smoke test
SHELL := /bin/bash
GO ?= go
BUILD := build
BIN := $(BUILD)/callboard
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Every parser has a fuzz target: `make test` runs each briefly, `make fuzz` longer.
FUZZTIME_SHORT ?= 5s
FUZZTIME ?= 1m
export LANG := en_US.UTF-8
export LC_ALL :=
# Without Fyne's bundled emoji font: ~15 MB less memory (it is parsed once
# per text style) and 4 MB less binary. An emoji in a caller's name is drawn
# with the system's own emoji font, which desktops ship.
GOFLAGS += -tags=no_emoji
export GOFLAGS

# Debian/Ubuntu packages: cgo headers for Fyne's GL/X11 driver, and what the
# headless smoke test needs (a virtual screen, a D-Bus session, a screenshot).
BUILD_DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxrandr-dev libxcursor-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev
TEST_DEBS := xvfb xauth dbus dbus-x11 imagemagick

.PHONY: run demo build test vet staticcheck race fuzz fuzz-short smoke soak deps deps-test clean

run: deps
	$(GO) run . $(ARGS)

demo: deps
	$(GO) run . --demo $(ARGS)

build: deps
	@mkdir -p $(BUILD)
	$(GO) build -o $(BIN) .

test: deps deps-test vet staticcheck complexity race fuzz-short smoke
	@echo "make test: all checks passed"

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...

race:
	$(GO) test -race -count=1 ./...

fuzz:
	@$(call fuzz_all,$(FUZZTIME))

fuzz-short:
	@$(call fuzz_all,$(FUZZTIME_SHORT))

# The real binary in a real (virtual) X display, on a temporary database and a
# pseudo-terminal modem: one call is rung and must reach the database.
smoke: build
	dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
		env CALLBOARD_BIN=$(abspath $(BIN)) CALLBOARD_SHOTS=$(abspath $(BUILD)) \
		$(GO) test -tags smoke -run '^TestSmoke' -count=1 -v .

# Four simulated USB modems ringing at 200x speed for SOAK, unplugged and
# plugged back at random: every call stored once, goroutines and memory
# flat. `make test` runs a few seconds of it (with -race); this is the long
# form, without -race so the window keeps up as it would on a shop's PC.
SOAK ?= 10m
soak: deps
	CALLBOARD_SOAK=$(SOAK) $(GO) test ./app -run '^TestSoakManyLinesUnpluggedAtRandom$$' -count=1 -v -timeout 0

deps:
	@$(call need_debs,$(BUILD_DEBS))

deps-test:
	@$(call need_debs,$(TEST_DEBS))

clean:
	rm -rf $(BUILD)

# fuzz_all runs every Fuzz target of every package for the given time. Go
# 1.26's fuzzer can fail a target with a bare "context deadline exceeded"
# when its time is up on a loaded machine; that alone, with no failing
# input written, is not a finding.
define fuzz_all
	set -e; for pkg in $$($(GO) list ./callerid/... ./storage/...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$f ($(1))"; \
			out=$$(mktemp); \
			if ! $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(1) $$pkg >$$out 2>&1; then \
				if grep -q 'context deadline exceeded' $$out && ! grep -q 'Failing input written' $$out; then \
					echo "  stopped at the time limit without a finding (go.dev/issue/75804, fixed in Go 1.27)"; \
				else cat $$out; rm -f $$out; exit 1; fi; \
			fi; \
			rm -f $$out; \
		done; \
	done
endef

# need_debs installs the missing Debian packages, or says what to install
# elsewhere.
define need_debs
	if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
		missing=""; \
		for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			echo "Installing:$$missing"; \
			SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
		fi; \
	elif command -v dnf >/dev/null 2>&1; then \
		echo "Fedora: sudo dnf install gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel libxkbcommon-devel xorg-x11-server-Xvfb dbus-daemon ImageMagick"; \
	elif [ "$$(uname)" = "Darwin" ]; then \
		command -v cc >/dev/null || echo "macOS: run 'xcode-select --install' for the C compiler Fyne needs"; \
	else \
		echo "Windows: install Go and a gcc (MSYS2 mingw-w64 or TDM-GCC) on PATH; see README"; \
	fi
endef

# make package, make complexity
include package.mk
