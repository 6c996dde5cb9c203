"""pytest: DataFrames through the Arrow C interface (fastxlsx.write_excel, Workbook.write_arrow).

Runs against the installed package (pip install ./examples/python into the
virtual environment of `make python-test`, packages pinned in
examples/python/requirements-test.lock) and the library named by
FASTXLSX_LIBRARY. Every workbook is read back with openpyxl and compared with
the values the producer itself gives for its frame (to_pylist / rows), mapped
by the rules of fastxlsx.h ("Arrow input"), written out here independently.
"""

import datetime as dt
import decimal
import io
import math
import os

import subprocess

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import fastxlsx

TWO53 = 2 ** 53
VALIDATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "validate-xlsx")


def expected(v, arrow_type=None):
    """The value openpyxl must read for the frame's value @v."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v if -TWO53 <= v <= TWO53 else str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        if arrow_type is not None and (pa.types.is_float32(arrow_type) or pa.types.is_float16(arrow_type)):
            # the shortest decimal of the float32 / float16 itself, as numpy prints it
            kind = np.float32 if pa.types.is_float32(arrow_type) else np.float16
            return float(repr(kind(v)).replace("np.float32(", "").replace("np.float16(", "").rstrip(")"))
        return v
    if isinstance(v, decimal.Decimal):
        digits = v.as_tuple().digits
        sig = len("".join(map(str, digits)).strip("0")) or 1
        return float(v) if sig <= 15 else str(v)
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.replace(tzinfo=None)  # the wall-clock time of its zone
        ms = (v.microsecond + 500) // 1000  # half a millisecond rounds up, as the library documents
        return v.replace(microsecond=0) + dt.timedelta(milliseconds=ms)
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    if isinstance(v, (dt.time, dt.timedelta, str)):
        return v
    if isinstance(v, pd.Timestamp):
        return expected(v.to_pydatetime())
    raise TypeError(type(v))


def same(got, want):
    if isinstance(want, float) and isinstance(got, (int, float)):
        return got == want or abs(got - want) <= 1e-12 * abs(want)
    if isinstance(want, dt.datetime) and isinstance(got, dt.datetime):
        return abs(got - want) <= dt.timedelta(microseconds=500)  # serials carry about 1 us
    if isinstance(want, dt.time) and isinstance(got, dt.time):
        return abs(dt.datetime.combine(dt.date.min, got) - dt.datetime.combine(dt.date.min, want)) <= dt.timedelta(microseconds=500)
    if isinstance(want, dt.timedelta) and isinstance(got, dt.timedelta):
        return abs(got - want) <= dt.timedelta(microseconds=500)
    return got == want


def read(path, sheet=0):
    """The rows openpyxl reads, after the package passed the ECMA-376 schemas (tests/tools/validate-xlsx)."""
    r = subprocess.run(["bash", VALIDATE, "-x", "-q", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, "validate-xlsx %s:\n%s%s" % (path, r.stdout, r.stderr)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def check_table(path, table):
    """The workbook at @path holds @table (a pyarrow Table): header row, then the values."""
    rows = read(path)
    assert rows[0] == table.column_names
    assert len(rows) == table.num_rows + 1
    for j, name in enumerate(table.column_names):
        col = table.column(j)
        t = col.type
        if pa.types.is_dictionary(t):
            t = t.value_type
        for i, v in enumerate(col.to_pylist()):
            want = expected(v, t)
            got = rows[i + 1][j] if j < len(rows[i + 1]) else None
            assert same(got, want), "column %r row %d: got %r, want %r (frame value %r)" % (name, i, got, want, v)


def all_types_table():
    n = [None]
    ts = [dt.datetime(2024, 2, 29, 13, 45, 10, 123456), None, dt.datetime(1969, 7, 20, 20, 17, 40)]
    return pa.table({
        "bool": pa.array([True, None, False]),
        "int8": pa.array([-128, None, 127], pa.int8()),
        "int16": pa.array([-32768, None, 32767], pa.int16()),
        "int32": pa.array([-2 ** 31, None, 2 ** 31 - 1], pa.int32()),
        "int64": pa.array([2 ** 53, None, -(2 ** 63)], pa.int64()),
        "uint8": pa.array([255, None, 0], pa.uint8()),
        "uint16": pa.array([65535, None, 1], pa.uint16()),
        "uint32": pa.array([2 ** 32 - 1, None, 1], pa.uint32()),
        "uint64": pa.array([2 ** 64 - 1, None, 2 ** 53], pa.uint64()),
        "float16": pa.array(np.array([0.1, 0, 65504], dtype=np.float16), pa.float16()).fill_null(None),
        "float32": pa.array([0.1, None, 3.4028234663852886e38], pa.float32()),
        "float64": pa.array([float("nan"), float("inf"), -1.5e-300], pa.float64(), from_pandas=False),
        "decimal128": pa.array([decimal.Decimal("123.45"), None, decimal.Decimal("-12345678901234567.89")],
                               pa.decimal128(38, 2)),
        "decimal256": pa.array([decimal.Decimal("1.5"), None, decimal.Decimal("1" * 60)], pa.decimal256(76, 1)),
        "string": pa.array(["h\u00e9llo", None, ""], pa.string()),
        "large_string": pa.array(["x", None, "\u20ac" * 5], pa.large_string()),
        "string_view": pa.array(["short", None, "a string longer than twelve bytes"], pa.string_view()),
        "date32": pa.array([dt.date(2024, 2, 29), None, dt.date(1900, 1, 1)], pa.date32()),
        "date64": pa.array([dt.date(2000, 1, 1), None, dt.date(9999, 12, 31)], pa.date64()),
        "ts_s": pa.array([t and t.replace(microsecond=0) for t in ts], pa.timestamp("s")),
        "ts_ms": pa.array(ts, pa.timestamp("ms")),
        "ts_us": pa.array(ts, pa.timestamp("us")),
        "ts_ns": pa.array(ts, pa.timestamp("ns")),
        "ts_utc": pa.array(ts, pa.timestamp("us", tz="UTC")),
        "ts_offset": pa.array(ts, pa.timestamp("ms", tz="+05:30")),
        "ts_tokyo": pa.array(ts, pa.timestamp("us", tz="Asia/Tokyo")),
        "ts_ny": pa.array(ts, pa.timestamp("ns", tz="America/New_York")),
        "time32": pa.array([dt.time(1, 2, 3), None, dt.time(23, 59, 59)], pa.time32("s")),
        "time64": pa.array([dt.time(12, 0, 0, 500000), None, dt.time(0, 0)], pa.time64("us")),
        "duration": pa.array([dt.timedelta(days=1, hours=2), None, dt.timedelta(seconds=1.5)], pa.duration("ms")),
        "dict": pa.array(["red", None, "green"]).dictionary_encode(),
        "null": pa.array(n * 3, pa.null()),
    })


def test_every_pyarrow_type(tmp_path):
    table = all_types_table()
    path = tmp_path / "types.xlsx"
    fastxlsx.write_excel(table, path)
    check_table(path, table)
    # A few by hand, against what the rules say.
    rows = read(path)
    names = table.column_names
    assert rows[1][names.index("float32")] == 0.1
    assert rows[1][names.index("int64")] == 2 ** 53 and rows[3][names.index("int64")] == str(-(2 ** 63))
    assert rows[1][names.index("ts_offset")] == dt.datetime(2024, 2, 29, 19, 15, 10, 123000)  # the UTC instant at +05:30


def test_intervals_and_binary(tmp_path):
    t = pa.table({"iv": pa.array([pa.MonthDayNano([14, 3, 3723500000000]), None, pa.MonthDayNano([0, 0, 0])],
                                 pa.month_day_nano_interval()),
                  "bin": pa.array([b"\x01\xab", None, b""], pa.binary())})
    path = tmp_path / "iv.xlsx"
    with pytest.raises(fastxlsx.FastxlsxError) as e:
        fastxlsx.write_excel(t, path)
    assert "column B ('bin', format 'z')" in e.value.message
    assert not path.exists()
    fastxlsx.write_excel(t, path, binary_as_hex=True)
    assert read(path) == [["iv", "bin"], ["P1Y2M3DT1H2M3.5S", "\\x01ab"], [None, None], ["P0D", "\\x"]]


def test_polars_types(tmp_path):
    df = pl.DataFrame({
        "i": [1, None, 3],
        "s": ["a", None, "a string longer than twelve"],
        "cat": pl.Series(["red", "green", None], dtype=pl.Categorical),
        "enum": pl.Series(["lo", "hi", "lo"], dtype=pl.Enum(["lo", "hi"])),
        "dt": [dt.datetime(2024, 1, 1, 12, 0, 0, 1500), None, dt.datetime(2024, 7, 1)],
        "d": [dt.date(2024, 1, 1), None, dt.date(2024, 12, 31)],
        "dur": [dt.timedelta(hours=1, microseconds=1), None, dt.timedelta(days=-1)],
        "tm": [dt.time(1, 2, 3), None, dt.time(23, 0)],
        "f32": pl.Series([0.1, None, 1 / 3], dtype=pl.Float32),
        "f64": [0.1, float("nan"), None],
        "dec": pl.Series([decimal.Decimal("1.50"), None, decimal.Decimal("2.25")], dtype=pl.Decimal(10, 2)),
        "b": [True, False, None],
        "u64": pl.Series([2 ** 64 - 1, 0, None], dtype=pl.UInt64),
    }).with_columns(tz=pl.col("dt").dt.replace_time_zone("Europe/Paris"),
                    utc=pl.col("dt").dt.replace_time_zone("UTC").dt.convert_time_zone("Asia/Kolkata"))
    path = tmp_path / "polars.xlsx"
    fastxlsx.write_excel(df, path)
    check_table(path, df.to_arrow())
    rows = read(path)
    assert rows[1][df.columns.index("tz")] == dt.datetime(2024, 1, 1, 12, 0, 0, 2000)  # wall clock, ms rounded
    assert rows[1][df.columns.index("utc")] == dt.datetime(2024, 1, 1, 17, 30, 0, 2000)


def test_polars_nested_refused(tmp_path):
    df = pl.DataFrame({"id": [1, 2], "tags": [["a"], ["b", "c"]]})
    path = tmp_path / "nested.xlsx"
    with pytest.raises(fastxlsx.FastxlsxError) as e:
        fastxlsx.write_excel(df, path)
    assert e.value.status == -25  # FAST_ERROR_CELL_TYPE
    assert "column B ('tags', format '+" in e.value.message and "list columns are not supported" in e.value.message
    assert not path.exists()


def test_pandas_types(tmp_path):
    df = pd.DataFrame({
        "Int64": pd.array([1, None, -(2 ** 60)], dtype="Int64"),
        "boolean": pd.array([True, None, False], dtype="boolean"),
        "string": pd.array(["a", None, "c"], dtype="string"),
        "float": [1.5, np.nan, -0.0],
        "tz": pd.to_datetime(["2024-03-10 01:30", None, "2024-11-03 01:30"]).tz_localize("America/New_York", ambiguous=[False, False, True]),
        "naive": pd.to_datetime(["2024-01-01 00:00:00.0005", None, "1900-03-01 00:00:00.0"]),
        "cat": pd.Categorical(["x", None, "y"]),
        "td": pd.to_timedelta(["1 days 02:00:00", None, "00:00:01"]),
    })
    assert hasattr(df, "__arrow_c_stream__")
    path = tmp_path / "pandas.xlsx"
    fastxlsx.write_excel(df, path)
    table = pa.table(df)
    check_table(path, table.drop_columns([c for c in table.column_names if c.startswith("__")]))


def test_duckdb_relation(tmp_path):
    rel = duckdb.sql("""
        SELECT 1.5::DECIMAL(18,3) AS dec18, 12345678901234567890::HUGEINT AS huge,
               123456789012.345::DECIMAL(15,3) AS dec15,
               INTERVAL 3 DAY + INTERVAL 2 HOUR AS iv, 'x' AS s, NULL::INTEGER AS n,
               DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 12:00:00.123456' AS ts,
               '2d2f9a3c-35b6-4c7e-9e62-6a3a3d1e8f00'::UUID AS u, 255::UTINYINT AS ut
        FROM range(3)""")
    path = tmp_path / "duck.xlsx"
    fastxlsx.write_excel(rel, path)
    rows = read(path)
    assert rows[0] == ["dec18", "huge", "dec15", "iv", "s", "n", "d", "ts", "u", "ut"]
    assert rows[1] == [1.5, "12345678901234567890", 123456789012.345, "P3DT2H", "x", None,
                       dt.datetime(2024, 2, 29), dt.datetime(2024, 2, 29, 12, 0, 0, 123000),
                       "2d2f9a3c-35b6-4c7e-9e62-6a3a3d1e8f00", 255]
    assert len(rows) == 4


def test_empty_frames(tmp_path):
    for frame in (pl.DataFrame({"a": pl.Series([], dtype=pl.Int64), "b": pl.Series([], dtype=pl.Utf8)}),
                  pa.table({"a": pa.array([], pa.int64()), "b": pa.array([], pa.string())}),
                  pd.DataFrame({"a": pd.array([], dtype="Int64"), "b": pd.array([], dtype="string")})):
        path = tmp_path / "empty.xlsx"
        fastxlsx.write_excel(frame, path)
        assert read(path) == [["a", "b"]]
    fastxlsx.write_excel(pl.DataFrame({"a": [1]}), path, header=False)
    assert read(path) == [[1]]


def test_record_batch_and_file_object():
    batch = pa.record_batch({"a": [1, 2], "b": ["x", None]})
    assert hasattr(batch, "__arrow_c_array__")
    out = io.BytesIO()
    fastxlsx.write_excel(batch.slice(1), out, sheet="Sliced")
    out.seek(0)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Sliced"]
    assert [list(r) for r in wb["Sliced"].iter_rows(values_only=True)] == [["a", "b"], [2, None]]
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch, batch])
    out = io.BytesIO()
    fastxlsx.write_excel(reader, out)
    out.seek(0)
    assert len(list(openpyxl.load_workbook(out).active.iter_rows())) == 5


def test_workbook_method_mixes_with_rows_formats_and_sheets(tmp_path):
    path = tmp_path / "mixed.xlsx"
    with fastxlsx.Workbook(path) as wb:
        ws = wb.add_worksheet("Report")
        bold = wb.add_format(bold=True)
        ws.write_row(["Title"], formats=[bold])
        ws.write_arrow(pl.DataFrame({"price": [1.5, 2.25], "when": [dt.date(2024, 1, 1), None]}),
                       formats={"price": "#,##0.00", 1: {"num_format": "dd/mm/yyyy"}})
        wb.write_arrow(pa.table({"price": [3.0]}), header=False)
        wb.add_worksheet("Other")
        wb.write_row(["after"])
    book = openpyxl.load_workbook(path)
    ws = book["Report"]
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [
        ["Title", None], ["price", "when"], [1.5, dt.datetime(2024, 1, 1)], [2.25, None], [3, None]]
    assert ws["A3"].number_format == "#,##0.00" and ws["B3"].number_format == "dd/mm/yyyy"
    assert [list(r) for r in book["Other"].iter_rows(values_only=True)] == [["after"]]
    with pytest.raises(fastxlsx.FastxlsxError):
        fastxlsx.write_excel([1, 2, 3], tmp_path / "bad.xlsx")


def test_million_rows_roll_over(tmp_path):
    """1,100,000 rows: a second sheet that repeats the header; sampled checks in read-only mode."""
    n = 1_100_000
    df = pl.DataFrame({"id": pl.int_range(1, n + 1, eager=True),
                       "x": pl.int_range(0, n, eager=True) * 0.5,
                       "s": pl.Series(["s%d" % (i % 100) for i in range(n)])})
    path = tmp_path / "big.xlsx"
    fastxlsx.write_excel(df, path, threads=2)
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == ["Sheet1", "Sheet1 (2)"]
    first = wb["Sheet1"]
    count = 0
    for r, row in enumerate(first.iter_rows(values_only=True)):
        count += 1
        if r == 0:
            assert list(row) == ["id", "x", "s"]
        elif r % 9973 == 0 or r == 1048575:
            assert list(row) == [r, (r - 1) * 0.5, "s%d" % ((r - 1) % 100)]
    assert count == 1048576
    second = [list(r) for r in wb["Sheet1 (2)"].iter_rows(values_only=True)]
    assert second[0] == ["id", "x", "s"]
    assert len(second) == 1 + n - 1048575
    assert second[1] == [1048576, 1048575 * 0.5, "s%d" % (1048575 % 100)]
    assert second[-1] == [n, (n - 1) * 0.5, "s%d" % ((n - 1) % 100)]
    wb.close()
