# fastxlsx - plain Makefile.
#
#   make                 library (static and shared) and examples into build/
#   make test            every test (unit, end-to-end, install, sanitizers, valgrind, faults, reader matrix, fuzzing)
#   make fuzz            the fuzz targets (see "fuzzing" below)
#   make install         PREFIX=/usr/local DESTDIR= LIBDIR=$(PREFIX)/lib INCLUDEDIR=$(PREFIX)/include
#   make V=1             show the commands
#   make pg-test         the PostgreSQL adapter's tests against a server they start (part of make test)
#   make BUILD=dir CC=clang CFLAGS=...   a separate build tree (used for sanitizer builds)

VERSION := $(shell sed -n 's/^\#define FASTXLSX_VERSION_STRING "\(.*\)"/\1/p' include/fastxlsx.h)
SOVERSION := 0

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
DESTDIR ?=
# Refreshes the loader cache after installing into the live system, so programs find
# libfastxlsx.so.0 right away (not with DESTDIR: a package's post-install step does it
# there). LDCONFIG=true skips it.
LDCONFIG ?= ldconfig

BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
ALL_CFLAGS := -std=c11 $(WARNINGS) $(CFLAGS)
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude $(ALL_CPPFLAGS_ISAL) $(CPPFLAGS)
PKG_CONFIG ?= pkg-config

# Intel ISA-L deflate backend: on when pkg-config finds libisal; WITH_ISAL=0 leaves it out.
WITH_ISAL ?= $(shell $(PKG_CONFIG) --exists libisal 2>/dev/null && echo 1 || echo 0)
LIB_LIBS := -lz -lutf8proc -lm -lpthread
ifeq ($(WITH_ISAL),1)
ALL_CPPFLAGS_ISAL := -DFX_HAVE_ISAL $(shell $(PKG_CONFIG) --cflags libisal)
LIB_LIBS += $(shell $(PKG_CONFIG) --libs libisal)
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
        install-bin uninstall clean check-exports sanitize-test valgrind-test install-test fault-test python-test node-test \
        reader-test reader-test-compact

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

UNIT_SRC := $(filter-out tests/unit/test_pg_%.c,$(wildcard tests/unit/test_*.c))
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

# Destinations: fsync goes through the test, which can fail it for directories.
$(BUILD)/tests/test_sink: tests/unit/test_sink.c $(TEST_HDR) $(STATIC_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) \
		-Wl,--wrap=fsync $(LDFLAGS) $(CMOCKA_LIBS) $(LIB_LIBS)

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

# Language bindings against this tree's shared library: the Python module
# (examples/python/fastxlsx.py) and the Node.js module (examples/node/fastxlsx.js,
# koffi pinned in examples/node/package-lock.json; `npm ci` installs it once),
# each read back with openpyxl.
PYTHON ?= /usr/bin/python3
# One environment for every build tree (the zlib-only tree uses it too): it does not
# depend on the library, which the tests load through FASTXLSX_LIBRARY.
PYVENV := build/pyvenv
python-test: $(SHARED_LIB)
	@echo "== python binding"
	$(Q)FASTXLSX_LIBRARY=$(abspath $(BUILD))/$(SHARED_SONAME) timeout 300 $(PYTHON) -m unittest \
		tests/bindings/python/test_fastxlsx.py
	@echo "== python package, DataFrames through Arrow (pytest)"
	$(Q)$(PYVENV)/bin/pip install -q --no-build-isolation --no-deps --force-reinstall ./examples/python
	$(Q)cd $(BUILD) && FASTXLSX_LIBRARY=$(abspath $(BUILD))/$(SHARED_SONAME) timeout 600 $(abspath $(PYVENV))/bin/python \
		-m pytest -q -p no:cacheprovider $(abspath tests/bindings/python/test_arrow_frames.py)
python-test: $(PYVENV)/.installed

# The package's test environment: a virtual environment (python3-venv) with the
# packages of examples/python/requirements-test.lock, pinned with hashes.
$(PYVENV)/.installed: examples/python/requirements-test.lock
	$(Q)rm -rf $(PYVENV) && $(PYTHON) -m venv $(PYVENV)
	$(Q)$(PYVENV)/bin/pip install -q --require-hashes -r examples/python/requirements-test.lock
	$(Q)touch $@

NODE_DIR := examples/node
$(NODE_DIR)/node_modules/.package-lock.json: $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	$(Q)cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error

node-test: $(SHARED_LIB) $(NODE_DIR)/node_modules/.package-lock.json
	@echo "== node module (examples/node, koffi)"
	$(Q)FASTXLSX_LIBRARY=$(abspath $(BUILD))/$(SHARED_SONAME) BUILD=$(BUILD) bash tests/bindings/node/run.sh

# ---- reader matrix (tests/readers) ---------------------------------------------------
# Nine readers we did not write read the workbooks written with the defaults: run once,
# not per deflate backend. Apache POI needs the SpreadsheetML classes compiled from the
# schemas (tests/readers/poi-schemas.sh, about a minute, kept under build/readers); the
# JavaScript readers are installed from tests/readers/package-lock.json by `npm ci`.
READERS_DIR := $(BUILD)/readers
POI_JARS := $(addprefix /usr/share/java/,poi.jar poi-ooxml.jar xmlbeans.jar commons-collections4.jar \
            commons-compress.jar commons-codec.jar commons-math3.jar)
READER_NOTHING :=
READER_SPACE := $(READER_NOTHING) $(READER_NOTHING)
POI_CP := $(subst $(READER_SPACE),:,$(strip $(READERS_DIR)/poi-ooxml-schemas.jar $(POI_JARS)))

$(BUILD)/tests/write_dates: tests/readers/write_dates.c $(STATIC_LIB) include/fastxlsx.h | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

$(BUILD)/tests/write_rules: tests/readers/write_rules.c $(STATIC_LIB) include/fastxlsx.h | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

# openpyxl 3.1 for rich text, pinned with hashes (tests/readers/requirements-openpyxl.txt).
$(READERS_DIR)/py/openpyxl/__init__.py: tests/readers/requirements-openpyxl.txt
	@echo "  PIP     $(READERS_DIR)/py"
	$(Q)rm -rf $(READERS_DIR)/py && /usr/bin/python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
		--only-binary=:all: --require-hashes --target $(READERS_DIR)/py -r $< && touch $@

$(BUILD)/tests/write_formats: tests/readers/write_formats.c $(STATIC_LIB) include/fastxlsx.h | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

$(BUILD)/tests/write_print: tests/readers/write_print.c $(STATIC_LIB) include/fastxlsx.h | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

$(READERS_DIR)/poi-ooxml-schemas.jar: tests/readers/poi-schemas.sh
	@echo "  SCOMP   $@ (once, about a minute)"
	$(Q)mkdir -p $(READERS_DIR) && bash $< $@

$(READERS_DIR)/classes/PoiDump.class: tests/readers/PoiDump.java $(READERS_DIR)/poi-ooxml-schemas.jar
	@echo "  JAVAC   $@"
	$(Q)mkdir -p $(READERS_DIR)/classes && javac -nowarn -d $(READERS_DIR)/classes -cp $(POI_CP) $<

$(READERS_DIR)/js/node_modules/.package-lock.json: tests/readers/package.json tests/readers/package-lock.json
	@echo "  NPM CI  $(READERS_DIR)/js"
	$(Q)mkdir -p $(READERS_DIR)/js && cp $^ $(READERS_DIR)/js/ && \
		cd $(READERS_DIR)/js && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null

READER_DEPS := $(READERS_DIR)/classes/PoiDump.class $(READERS_DIR)/js/node_modules/.package-lock.json
READER_ENV = BUILD=$(BUILD) READERS_PY=$(abspath $(READERS_DIR)/py) POI_CLASSPATH=$(READERS_DIR)/classes:$(POI_CP) READERS_JS=$(abspath $(READERS_DIR)/js/node_modules)

reader-test: all $(BUILD)/tests/write_types $(BUILD)/tests/write_dates $(BUILD)/tests/write_tables $(BUILD)/tests/write_rules $(BUILD)/tests/write_formats $(BUILD)/tests/write_print $(BUILD)/tests/write_images $(BUILD)/tests/write_charts $(BUILD)/tests/write_notes $(READERS_DIR)/py/openpyxl/__init__.py $(READER_DEPS)
	$(Q)$(READER_ENV) bash tests/readers/run.sh
	$(Q)$(READER_ENV) bash tests/readers/rules.sh
	$(Q)$(READER_ENV) bash tests/readers/formats.sh
	$(Q)$(READER_ENV) bash tests/readers/print.sh
	$(Q)$(READER_ENV) bash tests/readers/images.sh
	$(Q)$(READER_ENV) bash tests/readers/notes.sh

# The same matrix on a library whose default is the compact form (r only where needed),
# to see which readers it breaks; not part of `make test`.
reader-test-compact: $(READER_DEPS)
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/compact CPPFLAGS="$(CPPFLAGS) -DFX_DEFAULT_CELL_REFERENCES=0" \
		all $(BUILD)/compact/tests/write_types $(BUILD)/compact/tests/write_dates $(BUILD)/compact/tests/write_tables
	$(Q)$(READER_ENV) BUILD=$(BUILD)/compact bash tests/readers/run.sh

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer; the API and
# workers tests (threads rendering and compressing) under ThreadSanitizer.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_CC ?= clang
sanitize-test:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/san CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
		$(patsubst $(BUILD)/%,$(BUILD)/san/%,$(UNIT_BIN))
	$(Q)set -e; for t in $(patsubst $(BUILD)/%,$(BUILD)/san/%,$(UNIT_BIN)); do echo "== (asan+ubsan) $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$t; done
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan CC=$(SAN_CC) CFLAGS="-O1 -g -fsanitize=thread" \
		LDFLAGS="-fsanitize=thread" $(BUILD)/tsan/tests/test_api $(BUILD)/tsan/tests/test_workers
	$(Q)set -e; for t in test_api test_workers; do echo "== (tsan) $(BUILD)/tsan/tests/$$t"; \
		TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/tests/$$t; done

valgrind-test: all $(UNIT_BIN)
	$(Q)BUILD=$(BUILD) bash tests/valgrind-test.sh

# Fault injection (tests/fault): the write callback and open, openat, write,
# pwrite, fsync, close, renameat, sync_file_range and linkat (wrapped at link time) failing at every Nth
# call, the file size limit, a full filesystem; csv2xlsx killed with SIGKILL at
# many moments (an LD_PRELOAD shim places kills inside the commit).
FAULT_BIN := $(BUILD)/tests/fault_callback $(BUILD)/tests/fault_io $(BUILD)/tests/kill_shim.so
FAULT_WRAP := -Wl,--wrap=open,--wrap=openat,--wrap=write,--wrap=pwrite,--wrap=fsync,--wrap=close,--wrap=renameat \
	-Wl,--wrap=sync_file_range,--wrap=linkat

$(BUILD)/tests/fault_callback: tests/fault/fault_callback.c tests/fault/fault.h $(STATIC_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

$(BUILD)/tests/fault_io: tests/fault/fault_io.c tests/fault/fault.h $(STATIC_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(FAULT_WRAP) $(LDFLAGS) $(LIB_LIBS)

$(BUILD)/tests/kill_shim.so: tests/fault/kill_shim.c | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -shared -fPIC -o $@ $< $(LDFLAGS) -ldl

fault-test: all $(FAULT_BIN)
	$(Q)BUILD=$(BUILD) bash tests/fault/run.sh

# The whole suite for this build; `make test` runs it with ISA-L (when found) and
# again in a zlib-only tree, so both deflate backends are tested.
test-suite: unit-test check-exports e2e-test install-test python-test node-test sanitize-test valgrind-test fault-test
	@echo "all test groups passed ($(if $(filter 1,$(WITH_ISAL)),ISA-L,zlib) backend)"

test: test-suite
	$(Q)$(MAKE) --no-print-directory reader-test
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
	$(if $(DESTDIR),,$(LDCONFIG) || echo "  could not run $(LDCONFIG): run it as root so the loader finds $(SHARED_SONAME)")

install-includes:
	install -d $(DESTDIR)$(INCLUDEDIR)
	install -m 644 include/fastxlsx.h $(DESTDIR)$(INCLUDEDIR)/

# Generated at install time, since it records PREFIX, LIBDIR and INCLUDEDIR.
install-pc: pkgconfig/fastxlsx.pc.in
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' -e 's|@LIBS_PRIVATE@|$(LIB_LIBS)|' $< > $(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx.pc
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

# ---- PostgreSQL adapter (libfastxlsx_pg, lib/pg/) ----------------------------------
# Built where pkg-config finds libpq; WITH_PG=0 leaves it out. It uses only the
# public API of libfastxlsx; the core library never links libpq.
WITH_PG ?= $(shell $(PKG_CONFIG) --exists libpq 2>/dev/null && echo 1 || echo 0)

.PHONY: pg pg-test install-pg bench-pg uninstall-pg

ifeq ($(WITH_PG),1)
PG_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpq)
PG_LIBS := $(shell $(PKG_CONFIG) --libs libpq)
PG_SRC := $(wildcard lib/pg/*.c)
PG_OBJ := $(patsubst lib/pg/%.c,$(BUILD)/obj/pg/%.o,$(PG_SRC))
PG_HDR := include/fastxlsx.h include/fastxlsx_pg.h $(wildcard lib/pg/*.h)
PG_STATIC := $(BUILD)/libfastxlsx_pg.a
PG_SHARED_REAL := $(BUILD)/libfastxlsx_pg.so.$(VERSION)
PG_SONAME := libfastxlsx_pg.so.$(SOVERSION)
PG_SHARED := $(BUILD)/libfastxlsx_pg.so
PG_PROGRAMS := $(BUILD)/pg2xlsx $(BUILD)/pg_export

all: pg
pg: $(PG_STATIC) $(PG_SHARED) $(PG_PROGRAMS)

$(BUILD)/obj/pg:
	$(Q)mkdir -p $@

$(BUILD)/obj/pg/%.o: lib/pg/%.c $(PG_HDR) | $(BUILD)/obj/pg
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(PG_CFLAGS) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(PG_STATIC): $(PG_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(PG_SHARED_REAL): $(PG_OBJ) lib/pg/fastxlsx_pg.map $(SHARED_LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(PG_SONAME) -Wl,--version-script=lib/pg/fastxlsx_pg.map \
		-Wl,--no-undefined -o $@ $(PG_OBJ) -L$(BUILD) -lfastxlsx $(LDFLAGS) $(PG_LIBS) -lm

$(PG_SHARED): $(PG_SHARED_REAL)
	$(Q)ln -sf libfastxlsx_pg.so.$(VERSION) $(BUILD)/$(PG_SONAME)
	$(Q)ln -sf libfastxlsx_pg.so.$(VERSION) $@

$(BUILD)/pg2xlsx $(BUILD)/pg_export: $(BUILD)/%: examples/%.c $(PG_STATIC) $(STATIC_LIB) $(PG_HDR)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(PG_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(PG_STATIC) $(STATIC_LIB) $(LDFLAGS) \
		$(PG_LIBS) $(LIB_LIBS)

# The decoder's unit tests see lib/pg/ and link the adapter's objects.
$(BUILD)/tests/test_pg_copy: tests/unit/test_pg_copy.c $(PG_HDR) $(PG_STATIC) $(STATIC_LIB) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(PG_CFLAGS) -Ilib/pg $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(PG_STATIC) \
		$(STATIC_LIB) $(LDFLAGS) $(CMOCKA_LIBS) $(PG_LIBS) $(LIB_LIBS)
UNIT_BIN += $(BUILD)/tests/test_pg_copy
unit-test: $(BUILD)/tests/test_pg_copy

# The adapter through its C API: statuses, cancellation, and the connection reused after each.
$(BUILD)/tests/pg_api: tests/pg/pg_api.c $(PG_STATIC) $(STATIC_LIB) $(PG_HDR) | $(BUILD)/tests
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(PG_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(PG_STATIC) $(STATIC_LIB) $(LDFLAGS) \
		$(PG_LIBS) $(LIB_LIBS)

# POI (PoiPrint.java of the reader matrix, with the schemas reader-test compiles too) reads pg2xlsx's ignoredErrors.
pg-test: all $(BUILD)/tests/test_pg_copy $(BUILD)/tests/pg_api $(READERS_DIR)/poi-ooxml-schemas.jar
	$(Q)$(BUILD)/tests/test_pg_copy
	$(Q)BUILD=$(BUILD) POI_CLASSPATH=$(POI_CP) bash tests/pg/run.sh

# pg2xlsx against `psql \copy ... csv` (1M rows x 20 columns), its table added to bench/README.md.
bench-pg: pg
	$(Q)BUILD=$(BUILD) PG_BENCH_README=bench/README.md bash bench/pg_bench.sh

install: install-pg
install-pg: pg
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR)
	install -m 644 $(PG_STATIC) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(PG_SHARED_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf libfastxlsx_pg.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(PG_SONAME)
	ln -sf libfastxlsx_pg.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libfastxlsx_pg.so
	install -m 644 include/fastxlsx_pg.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 755 $(BUILD)/pg2xlsx $(DESTDIR)$(BINDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' pkgconfig/fastxlsx-pg.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx-pg.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx-pg.pc
else
pg:
	@echo "libpq not found by pkg-config: the PostgreSQL adapter is not built"
pg-test:
	@echo "pg-test skipped: libpq not found by pkg-config (install libpq-dev and postgresql)"
bench-pg:
	@echo "bench-pg skipped: libpq not found by pkg-config"
install-pg:
endif

# Run once, not again in the zlib-only tree.
test: pg-test

uninstall: uninstall-pg
uninstall-pg:
	rm -f $(DESTDIR)$(LIBDIR)/libfastxlsx_pg.a $(DESTDIR)$(LIBDIR)/libfastxlsx_pg.so* \
		$(DESTDIR)$(LIBDIR)/pkgconfig/fastxlsx-pg.pc $(DESTDIR)$(INCLUDEDIR)/fastxlsx_pg.h $(DESTDIR)$(BINDIR)/pg2xlsx

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
