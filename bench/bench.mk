# bench/bench.mk - benchmark rules, included by the top-level Makefile.
#
#   make bench-write     $(BUILD)/bench_write (links libxlsxwriter as well as fastxlsx)
#   make bench-floor     $(BUILD)/bench_floor: the floor, pre-rendered XML through CRC-32, deflate, ZIP, file
#   make bench-check     both engines write identical values (bench/check_identical.sh)
#   make bench           every measurement; rewrites bench/README.md (bench/run.sh), with W1
#                        from Python (bench/python_bench.py; BENCH_PY_ROWS, default 100000)
#   make bench-zlib      $(BUILD)/zlib/bench_write: the same against a zlib-only library
#   make bench-arrow     W1 as polars / pyarrow / DuckDB data through fastxlsx.write_excel against the
#                        DataFrame writers and bench_write; writes its section of bench/README.md
#                        (bench/arrow_bench.py in $(PYVENV); BENCH_ARROW_ROWS, BENCH_ARROW_ROUNDS,
#                        BENCH_ARROW_SLOW=0 reuses the slow peers' last results)
#   make bench-peers     other writers side by side (bench/peers; see the end of this file)
#   make bench-table     W1 with and without an Excel table and totals row (bench/table_bench.sh),
#                        its section of bench/README.md
#
# Nothing here is a prerequisite of all, lib, examples, test or install, and
# libxlsxwriter is asked for (pkg-config xlsxwriter) only inside these recipes,
# so only the bench targets need it. Works with any BUILD= and WITH_ISAL=.

# Deferred (=), expanded only when a bench recipe runs.
BENCH_LXW_CFLAGS = $(shell $(PKG_CONFIG) --cflags xlsxwriter)
BENCH_LXW_LIBS = $(shell $(PKG_CONFIG) --libs xlsxwriter || echo -lxlsxwriter -lz)
BENCH_ZLIB_BUILD := $(BUILD)/zlib
BENCH_PY ?= /usr/bin/python3

.PHONY: bench bench-write bench-floor bench-check bench-zlib bench-arrow bench-table

bench-table: $(BUILD)/bench_write
	$(Q)BENCH_WRITE=$(BUILD)/bench_write TABLE_BENCH_README=bench/README.md bash bench/table_bench.sh

bench-write: $(BUILD)/bench_write
bench-floor: $(BUILD)/bench_floor

# Uses the library's internal ZIP writer, sink and compression thread (-Ilib).
$(BUILD)/bench_floor: bench/floor.c $(STATIC_LIB) $(wildcard lib/*.h)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ilib $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) $(LDFLAGS) $(LIB_LIBS)

# bench/stages.c reaches one internal setting (-Ilib); bench_write.c uses the public API only.
$(BUILD)/bench_write: bench/bench_write.c bench/stages.c $(STATIC_LIB) include/fastxlsx.h $(wildcard lib/*.h)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) -Ilib $(ALL_CFLAGS) -c -o $(BUILD)/bench_stages.o bench/stages.c
	$(Q)$(CC) $(ALL_CPPFLAGS) $(BENCH_LXW_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/bench_stages.o $(STATIC_LIB) \
		$(LDFLAGS) $(BENCH_LXW_LIBS) $(LIB_LIBS)

# The same program against a library built without ISA-L, in its own tree.
bench-zlib:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BENCH_ZLIB_BUILD) WITH_ISAL=0 $(BENCH_ZLIB_BUILD)/bench_write

bench-check: $(BUILD)/bench_write
	$(Q)BENCH_WRITE=$(BUILD)/bench_write PYTHON=$(BENCH_PY) bash bench/check_identical.sh

bench: $(BUILD)/bench_write $(BUILD)/bench_floor bench-zlib $(BUILD)/tests/rss_wide $(SHARED_LIB)
	$(Q)BENCH_WRITE=$(BUILD)/bench_write BENCH_WRITE_ZLIB=$(BENCH_ZLIB_BUILD)/bench_write \
		BENCH_FLOOR=$(BUILD)/bench_floor \
		BUILD=$(BUILD) PYTHON=$(BENCH_PY) bash bench/run.sh

BENCH_ARROW_ROWS ?= 1000000
BENCH_ARROW_ROUNDS ?= 3
BENCH_ARROW_SLOW ?= 1
bench-arrow: $(BUILD)/bench_write $(SHARED_LIB) $(PYVENV)/.installed
	$(Q)$(PYVENV)/bin/pip install -q --no-build-isolation --no-deps --force-reinstall ./examples/python
	$(Q)FASTXLSX_LIBRARY=$(abspath $(BUILD))/$(SHARED_SONAME) BUILD=$(BUILD) $(PYVENV)/bin/python bench/arrow_bench.py \
		--rows $(BENCH_ARROW_ROWS) --rounds $(BENCH_ARROW_ROUNDS) --verify --out-dir $(BUILD)/arrow-bench \
		$(if $(filter 0,$(BENCH_ARROW_SLOW)),--slow-json $(BUILD)/arrow-bench/slow.json,) --readme bench/README.md

# ---- other writers side by side (bench/peers; not part of make test) --------------------
#   make bench-peers-check   builds the writers of bench/peers (bench/peers/build.sh: cargo, go,
#                            java + mvn, node + npm, python3-venv) and checks that each writes
#                            fastxlsx's values (3,000 rows, openpyxl)
#   make bench-peers         the same, then 1M rows of W1 and W2 by each in rounds; writes the
#                            section "Side by side with other writers" into bench/README.md
#                            (BENCH_README=FILE elsewhere; PEERS_ROWS, PEERS_ROUNDS, PEERS_SLOW_ROUNDS,
#                            PEERS_ONLY: bench/peers/peers.py)
.PHONY: bench-peers bench-peers-check
BENCH_PEERS_OUT = $(BUILD)/bench-peers

bench-peers-check: $(BUILD)/bench_write
	$(Q)BUILD=$(BUILD) bash bench/peers/build.sh
	$(Q)mkdir -p $(BENCH_PEERS_OUT) && cp $(BUILD)/bench_write $(BENCH_PEERS_OUT)/bench_write
	$(Q)BUILD=$(BUILD) BENCH_WRITE=$(BENCH_PEERS_OUT)/bench_write $(BENCH_PY) bench/peers/peers.py check $(BENCH_PEERS_OUT)

bench-peers: bench-peers-check
	$(Q)BUILD=$(BUILD) BENCH_WRITE=$(BENCH_PEERS_OUT)/bench_write $(BENCH_PY) bench/peers/peers.py run $(BENCH_PEERS_OUT)
	$(Q)BUILD=$(BUILD) BENCH_WRITE=$(BENCH_PEERS_OUT)/bench_write $(BENCH_PY) bench/peers/peers.py report \
		$(BENCH_PEERS_OUT) $(or $(BENCH_README),bench/README.md)
