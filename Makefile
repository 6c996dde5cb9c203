# fastxlsx - plain Makefile.
#
#   make                 library (static and shared) and examples into build/
#   make test            every test (unit, end-to-end, install, sanitizers, valgrind)
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

# csv2xlsx is built from its CSV reader and input source too.
CSV2XLSX_SRC := examples/csv2xlsx.c examples/csv_reader.c examples/csv_source.c
$(BUILD)/csv2xlsx: $(CSV2XLSX_SRC) examples/csv_reader.h examples/csv_source.h $(STATIC_LIB) include/fastxlsx.h
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $(CSV2XLSX_SRC) $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

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

# ---- fuzzing csv2xlsx's CSV reader (tests/fuzz/fuzz_csv.c) ---------------------------
# `make fuzz-csv`: replay the seed corpus without libFuzzer (any compiler), then
# run libFuzzer with ASan and UBSan for FUZZ_TIME seconds; new inputs go to
# $(BUILD)/fuzz/corpus-csv, crashes to $(BUILD)/fuzz/.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_SAN := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CSV_SRC := tests/fuzz/fuzz_csv.c examples/csv_reader.c
FUZZ_CSV_DEP := $(FUZZ_CSV_SRC) examples/csv_reader.h

$(BUILD)/fuzz/fuzz_csv: $(FUZZ_CSV_DEP)
	@mkdir -p $(BUILD)/fuzz
	@echo "  CCLD    $@"
	$(Q)$(FUZZ_CC) -std=c11 $(WARNINGS) -D_POSIX_C_SOURCE=200809L -Iexamples $(FUZZ_SAN) -fsanitize=fuzzer \
		-o $@ $(FUZZ_CSV_SRC)

$(BUILD)/fuzz/replay_csv: $(FUZZ_CSV_DEP)
	@mkdir -p $(BUILD)/fuzz
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -D_POSIX_C_SOURCE=200809L -DFUZZ_REPLAY -Iexamples -o $@ $(FUZZ_CSV_SRC)

.PHONY: fuzz-csv fuzz-csv-replay
fuzz-csv-replay: $(BUILD)/fuzz/replay_csv
	$(Q)$(BUILD)/fuzz/replay_csv tests/fuzz/corpus/csv/*

fuzz-csv: fuzz-csv-replay $(BUILD)/fuzz/fuzz_csv
	$(Q)mkdir -p $(BUILD)/fuzz/corpus-csv
	$(Q)$(BUILD)/fuzz/fuzz_csv -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus-csv tests/fuzz/corpus/csv

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
