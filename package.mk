# Packaging and the complexity check, included from the Makefile (which sets
# GO, BUILD and the deps target). Both tools run with `go run tool@version`,
# so nothing has to be installed first.
#   make package      build/Callboard.tar.xz: the binary, desktop entry and icon
#   make complexity   fail on any function more tangled than CYCLO_OVER

FYNE := fyne.io/tools/cmd/fyne@v1.7.4
GOCYCLO := github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
PACKAGE := $(BUILD)/Callboard.tar.xz
# Cyclomatic complexity above which a function must be split. Today's worst
# is 24 (callerid Tracker.Handle), the average 4.2. A flat dispatch table
# that counts high only through its `||` cases can carry //gocyclo:ignore.
CYCLO_OVER ?= 25

.PHONY: package complexity

# Fyne's packager builds a release binary (stripped, hardened cgo flags),
# stages usr/(local/)bin, share/applications and share/pixmaps with a
# Makefile for `make install` / `make user-install`, and tars it in the
# current folder. It also counts FyneApp.toml's Build up by one on every
# run: that number is raised by hand for a release, so it is put back.
package: deps
	@mkdir -p $(BUILD)
	@rm -f Callboard.tar.xz $(PACKAGE)
	cp FyneApp.toml $(BUILD)/FyneApp.toml.orig
	$(GO) run $(FYNE) package --target linux --release --tags no_emoji; status=$$?; \
		mv $(BUILD)/FyneApp.toml.orig FyneApp.toml; exit $$status
	mv Callboard.tar.xz $(PACKAGE)
	@$(call check_package,$(PACKAGE))
	@echo "make package: $(PACKAGE) (install: tar -xJf $(PACKAGE) && cd callboard && sudo make install, or make user-install)"

complexity:
	$(GO) run $(GOCYCLO) -over $(CYCLO_OVER) -ignore '_test\.go$$' .

# check_package installs the archive into a scratch folder with its own
# Makefile, as a user would, and runs the installed binary.
define check_package
	set -e; tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	tar -xJf $(1) -C $$tmp; \
	$(MAKE) -s -C $$tmp/callboard install DESTDIR=$$tmp/root PREFIX=/usr >/dev/null; \
	for f in bin/callboard share/applications/app.callboard.desktop.desktop share/pixmaps/app.callboard.desktop.png; do \
		test -s $$tmp/root/usr/$$f || { echo "package lacks usr/$$f"; tar -tJf $(1); exit 1; }; \
	done; \
	grep -qx 'Exec=callboard' $$tmp/root/usr/share/applications/app.callboard.desktop.desktop; \
	grep -qx 'Icon=app.callboard.desktop' $$tmp/root/usr/share/applications/app.callboard.desktop.desktop; \
	if command -v desktop-file-validate >/dev/null; then desktop-file-validate --no-hints $$tmp/root/usr/share/applications/*.desktop; fi; \
	$$tmp/root/usr/bin/callboard --help 2>&1 | grep -q '^Usage:' || { echo "the packaged binary does not run"; exit 1; }
endef
