# fastxlsx - plain Makefile.
#
#   make                 library (static and shared) and examples into build/
#   make test            every test (unit, end-to-end, install, sanitizers, valgrind, fuzzing)
#   make fuzz            the fuzz targets (see "fuzzing" below)
#   make install         PREFIX=/usr/local DESTDIR= LIBDIR=$(PREFIX)/lib INCLUDEDIR=$(PREFIX)/include
#   make V=1             show the commands
#   make BUILD=dir CC=clang CFLAGS=...   a separate build tree (used for sanitizer builds)

VERSION := $(shell sed -n 's/^\#define FASTXLSX_VERSION_STRING "\(.*\)"/\1/p' include/fastxlsx.h)
SOVERSION := 0

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
DESTDIR ?=

BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
ALL_CFLAGS := -std=c11 $(WARNINGS) $(CFLAGS)
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude $(ALL_CPPFLAGS_ISAL) $(CPPFLAGS)
PKG_CONFIG ?= pkg-config

# Intel ISA-L deflate backend: on when pkg-config finds libisal; WITH_ISAL=0 leaves it out.
WITH_ISAL ?= $(shell $(PKG_CONFIG) --exists libisal 2>/dev/null && echo 1 || echo 0)
LIB_LIBS := -lz -lm -lpthread
REQUIRES_PRIVATE := zlib
ifeq ($(WITH_ISAL),1)
ALL_CPPFLAGS_ISAL := -DFX_HAVE_ISAL $(shell $(PKG_CONFIG) --cflags libisal)
LIB_LIBS += $(shell $(PKG_CONFIG) --libs libisal)
REQUIRES_PRIVATE += libisal
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC := $(wildcard lib/*.c)
ifneq ($(WITH_ISAL),1)
LIB_SRC := $(filter-out lib/deflate_isal.c,$(LIB_SRC))
endif
LIB_OBJ := $(patsubst lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
LIB_HDR := include/fastxlsx.h $(wildcard lib/*.h)

STATIC_LIB := $(BUILD)/libfastxlsx.a
SHARED_REAL := $(BUILD)/libfastxlsx.so.$(VERSION)
SHARED_SONAME := libfastxlsx.so.$(SOVERSION)
SHARED_LIB := $(BUILD)/libfastxlsx.so

EXAMPLES := $(BUILD)/hello $(BUILD)/csv2xlsx $(BUILD)/report

.PHONY: all lib examples test test-suite unit-test e2e-test install install-lib install-includes install-pc \
        install-bin uninstall clean check-exports sanitize-test valgrind-test install-test

all: lib examples

lib: $(STATIC_LIB) $(SHARED_LIB)

examples: $(EXAMPLES)

$(BUILD)/obj/%.o: lib/%.c $(LIB_HDR) | $(BUILD)/obj
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(BUILD)/obj $(BUILD)/tests:
	$(Q)mkdir -p $@

$(STATIC_LIB): $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(SHARED_REAL): $(LIB_OBJ) lib/fastxlsx.map
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SHARED_SONAME) -Wl,--version-script=lib/fastxlsx.map \
		-Wl,--no-undefined -o $@ $(LIB_OBJ) $(LDFLAGS) $(LIB_LIBS)

$(SHARED_LIB): $(SHARED_REAL)
	$(Q)ln -sf libfastxlsx.so.$(VERSION) $(BUILD)/$(SHARED_SONAME)
	$(Q)ln -sf libfastxlsx.so.$(VERSION) $@

$(BUILD)/%: examples/%.c $(STATIC_LIB) include/fastxlsx.h
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

# ---- tests -------------------------------------------------------------------

CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
E2E_SRC := $(wildcard tests/e2e/*.c)
E2E_BIN := $(patsubst tests/e2e/%.c,$(BUILD)/tests/%,$(E2E_SRC))
TEST_HDR := $(wildcard tests/unit/*.h)

# Unit tests see the internal headers and link the static library.
$(BUILD)/tests/test_%: tests/unit/test_%.c $(TEST_HDR) $(STATIC_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ilib $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) \
		$(LDFLAGS) $(CMOCKA_LIBS) $(LIB_LIBS)

# Fault injection: the library's malloc, calloc and realloc go through the test.
$(BUILD)/tests/test_chaos: tests/unit/test_chaos.c $(STATIC_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) \
		-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc $(LDFLAGS) $(CMOCKA_LIBS) $(LIB_LIBS)

# The API test again, linked against the shared library.
$(BUILD)/tests/shared_test_api: tests/unit/test_api.c $(TEST_HDR) $(SHARED_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -DFAST_TEST_SHARED -o $@ $< \
		-L$(BUILD) -Wl,-rpath,$(abspath $(BUILD)) -lfastxlsx $(LDFLAGS) $(CMOCKA_LIBS) -lm

# End-to-end writers use only the public header.
$(BUILD)/tests/%: tests/e2e/%.c tests/e2e/expect.h $(STATIC_LIB) include/fastxlsx.h | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

unit-test: $(UNIT_BIN) $(BUILD)/tests/shared_test_api
	$(Q)set -e; for t in $(UNIT_BIN) $(BUILD)/tests/shared_test_api; do echo "== $$t"; $$t; done

e2e-test: all $(E2E_BIN)
	$(Q)BUILD=$(BUILD) bash tests/e2e/run.sh

check-exports: $(SHARED_LIB)
	$(Q)BUILD=$(BUILD) bash tests/check-exports.sh

install-test: all
	$(Q)BUILD=$(BUILD) bash tests/install-test.sh

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer; the API test
# (with the compression thread) under ThreadSanitizer.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_CC ?= clang
sanitize-test:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/san CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
		$(patsubst $(BUILD)/%,$(BUILD)/san/%,$(UNIT_BIN))
	$(Q)set -e; for t in $(patsubst $(BUILD)/%,$(BUILD)/san/%,$(UNIT_BIN)); do echo "== (asan+ubsan) $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$t; done
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan CC=$(SAN_CC) CFLAGS="-O1 -g -fsanitize=thread" \
		LDFLAGS="-fsanitize=thread" $(BUILD)/tsan/tests/test_api
	@echo "== (tsan) $(BUILD)/tsan/tests/test_api"
	$(Q)TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/tests/test_api

valgrind-test: all $(UNIT_BIN)
	$(Q)BUILD=$(BUILD) bash tests/valgrind-test.sh

# The whole suite for this build; `make test` runs it with ISA-L (when found) and
# again in a zlib-only tree, so both deflate backends are tested.
test-suite: unit-test check-exports e2e-test install-test sanitize-test valgrind-test
	@echo "all test groups passed ($(if $(filter 1,$(WITH_ISAL)),ISA-L,zlib) backend)"

test: test-suite
ifeq ($(WITH_ISAL),1)
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/zlib WITH_ISAL=0 test-suite
endif
	$(Q)$(MAKE) --no-print-directory fuzz-run

# ---- install -------------------------------------------------------------------

install: install-lib install-includes install-pc install-bin

install-lib: lib
	install -d $(DESTDIR)$(LIBDIR)
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf libfastxlsx.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME)
	ln -sf libfastxlsx.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libfastxlsx.so

install-includes:
	install -d $(DESTDIR)$(INCLUDEDIR)
	install -m 644 include/fastxlsx.h $(DESTDIR)$(INCLUDEDIR)/

# Generated at install time, since it records PREFIX, LIBDIR and INCLUDEDIR.
install-pc: pkgconfig/fastxlsx.pc.in
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' -e 's|@LIBS_PRIVATE@|$(LIB_LIBS)|' \
		-e 's|@REQUIRES_PRIVATE@|$(REQUIRES_PRIVATE)|' $< > $(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx.pc

install-bin: examples
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BUILD)/csv2xlsx $(DESTDIR)$(BINDIR)/

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libfastxlsx.a $(DESTDIR)$(LIBDIR)/libfastxlsx.so* \
		$(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx.pc $(DESTDIR)$(INCLUDEDIR)/fastxlsx.h \
		$(DESTDIR)$(BINDIR)/csv2xlsx

clean:
	rm -rf $(BUILD)

# ---- benchmarks (bench/bench.mk: bench_write and `make bench`) -------------------
-include bench/bench.mk

# ---- fuzzing -------------------------------------------------------------------
#
#   make fuzz        every tests/fuzz/fuzz_NAME.c as a libFuzzer binary build/fuzz/fuzz_NAME,
#                    and as build/fuzz/replay_NAME, which runs given inputs without libFuzzer
#   make fuzz-replay each target's committed seeds tests/fuzz/corpus/NAME/, once each
#   make fuzz-run    the replay, then each target for FUZZ_TIME seconds (default 60) on its seeds
#
# The library is compiled again into build/fuzz with coverage instrumentation and
# ASan + UBSan. A target's extra sources go in FUZZ_EXTRA_SRC_fuzz_NAME (compiled
# with it), its compiler flags in FUZZ_CFLAGS_fuzz_NAME, its libraries in
# FUZZ_LIBS_fuzz_NAME. FUZZ_STICKY_ERRORS=1 makes fuzz_api check the 0.1 error
# model (every failure sticky) instead of the recoverable one.
FUZZ_CC ?= clang
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_TIME ?= 60
FUZZ_STICKY_ERRORS ?= 0
FUZZ_SAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
FUZZ_HDR := $(wildcard tests/fuzz/*.h)
FUZZ_XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
FUZZ_XML_LIBS := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)
FUZZ_LIBS_fuzz_api := $(FUZZ_XML_LIBS)
FUZZ_EXTRA_SRC_fuzz_csv ?= $(wildcard examples/csv_reader.c)
FUZZ_CFLAGS_fuzz_csv ?= -Iexamples
FUZZ_TARGET_CFLAGS = $(ALL_CPPFLAGS) -Itests/fuzz $(FUZZ_XML_CFLAGS) -DFUZZ_STICKY_ERRORS=$(FUZZ_STICKY_ERRORS) \
	-std=c11 $(WARNINGS) $(FUZZ_SAN)

.PHONY: fuzz fuzz-bins fuzz-replay fuzz-run

fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN)" FUZZ_BUILD=$(FUZZ_BUILD) fuzz-bins

fuzz-bins: $(foreach n,$(FUZZ_NAMES),$(BUILD)/fuzz_$(n) $(BUILD)/replay_$(n))

# Rebuild the targets when the oracle's settings change.
$(BUILD)/fuzz-flags: FORCE | $(BUILD)/obj
	$(Q)echo "$(FUZZ_TARGET_CFLAGS)" | cmp -s - $@ || echo "$(FUZZ_TARGET_CFLAGS)" > $@

.PHONY: FORCE
FORCE:

.SECONDEXPANSION:
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $$(FUZZ_EXTRA_SRC_fuzz_%) $(FUZZ_HDR) $(STATIC_LIB) include/fastxlsx.h \
		$(BUILD)/fuzz-flags
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS_fuzz_$*) -fsanitize=fuzzer -o $@ $< $(FUZZ_EXTRA_SRC_fuzz_$*) \
		$(STATIC_LIB) \
		$(FUZZ_LIBS_fuzz_$*) $(LIB_LIBS)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $$(FUZZ_EXTRA_SRC_fuzz_%) $(FUZZ_HDR) $(STATIC_LIB) \
		include/fastxlsx.h $(BUILD)/fuzz-flags
	@echo "  REPLAY  $@"
	$(Q)$(CC) $(FUZZ_TARGET_CFLAGS) $(FUZZ_CFLAGS_fuzz_$*) -o $@ $< tests/fuzz/replay.c $(FUZZ_EXTRA_SRC_fuzz_$*) \
		$(STATIC_LIB) \
		$(FUZZ_LIBS_fuzz_$*) $(LIB_LIBS)

fuzz-replay: fuzz
	$(Q)set -e; for n in $(FUZZ_NAMES); do echo "== replay tests/fuzz/corpus/$$n"; \
		$(FUZZ_BUILD)/replay_$$n tests/fuzz/corpus/$$n > $(FUZZ_BUILD)/replay_$$n.log \
		|| { tail -n 40 $(FUZZ_BUILD)/replay_$$n.log; exit 1; }; tail -n 1 $(FUZZ_BUILD)/replay_$$n.log; done

# New inputs go to a scratch corpus under build/, never into the committed seeds.
fuzz-run: fuzz-replay
	$(Q)set -e; for n in $(FUZZ_NAMES); do echo "== fuzz_$$n for $(FUZZ_TIME) s"; \
		mkdir -p $(FUZZ_BUILD)/corpus-$$n $(FUZZ_BUILD)/crashes; \
		$(FUZZ_BUILD)/fuzz_$$n -max_total_time=$(FUZZ_TIME) -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/crashes/$$n- \
			$$( [ -f tests/fuzz/$$n.dict ] && echo -dict=tests/fuzz/$$n.dict ) \
			$(FUZZ_BUILD)/corpus-$$n tests/fuzz/corpus/$$n > $(FUZZ_BUILD)/fuzz_$$n.log 2>&1 \
			|| { tail -n 60 $(FUZZ_BUILD)/fuzz_$$n.log; echo "fuzz_$$n failed: see $(FUZZ_BUILD)/crashes/"; exit 1; }; \
		grep -E 'stat::number_of_executed_units|Done' $(FUZZ_BUILD)/fuzz_$$n.log || true; done
