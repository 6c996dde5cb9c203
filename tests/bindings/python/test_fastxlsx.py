"""Tests of examples/python/fastxlsx.py, read back with openpyxl.

Run by /usr/bin/python3 -m unittest (see `make python-test`); FASTXLSX_LIBRARY
names the library under test (default: build/libfastxlsx.so.0 of this tree).
Every workbook goes to a temporary directory under /tmp.
"""

import datetime as dt
import decimal
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
MODULE_DIR = os.path.join(ROOT, "examples", "python")
os.environ.setdefault("FASTXLSX_LIBRARY", os.path.join(ROOT, os.environ.get("BUILD", "build"), "libfastxlsx.so.0"))
sys.path.insert(0, MODULE_DIR)

import fastxlsx  # noqa: E402
from fastxlsx import FastxlsxError  # noqa: E402


def read_rows(target, sheet=None):
    if isinstance(target, io.BytesIO):
        target.seek(0)
    wb = openpyxl.load_workbook(target)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="fastxlsx-py-", dir="/tmp")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name="out.xlsx"):
        return os.path.join(self.tmp, name)

    def assertStatus(self, ctx, status, *fragments):
        e = ctx.exception
        self.assertEqual(e.status, status, e.message)
        for f in fragments:
            self.assertIn(f, e.message)


class TypesTest(Base):
    def test_every_type(self):
        rows = [
            ["text", "ünïcödé ✓ 𝄞", "  padded  ", "tab\tand\nnewline", "", "<&>\"'", "_x0041_"],
            [0, -1, 2 ** 63 - 1, -(2 ** 63), 2 ** 53 + 1, True, False],
            [0.1, -2.5e-300, 1e300, 123456.789, None, 3.0, -0.0],
            [dt.date(1900, 1, 1), dt.date(1900, 3, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29),
             dt.datetime(2024, 5, 6, 7, 8, 9, 123000), dt.datetime(1970, 1, 1), dt.datetime(2000, 1, 1, 23, 59, 59)],
            [decimal.Decimal("1.25"), decimal.Decimal("10"), decimal.Decimal("-7E+3"),
             decimal.Decimal("0.1"), decimal.Decimal("123456789012345678901234567890"), None, "end"],
        ]
        out = self.path()
        with fastxlsx.Workbook(out) as wb:
            wb.add_worksheet("Types")
            wb.write_rows(rows)
        got = read_rows(out)
        self.assertEqual(got[0], tuple(rows[0]))
        self.assertEqual(got[1], tuple(rows[1]))
        self.assertEqual(got[2][:4], tuple(rows[2][:4]))
        self.assertIsNone(got[2][4])
        self.assertEqual(got[3][:4], tuple(dt.datetime(d.year, d.month, d.day) for d in rows[3][:4]))
        self.assertEqual(got[3][4:], tuple(rows[3][4:]))
        self.assertEqual(got[4][:4], (1.25, 10, -7000, 0.1))
        self.assertEqual(got[4][4], float(rows[4][4]))
        self.assertEqual(got[4][6], "end")

    def test_datetime_rounds_to_milliseconds(self):
        out = io.BytesIO()
        with fastxlsx.Workbook(out) as wb:
            wb.add_worksheet()
            wb.write_row([dt.datetime(2024, 1, 1, 0, 0, 0, 999600), dt.datetime(2024, 1, 1, 12, 0, 0, 1499)])
        got = read_rows(out)[0]
        self.assertEqual(got[0], dt.datetime(2024, 1, 1, 0, 0, 1))
        self.assertEqual(got[1], dt.datetime(2024, 1, 1, 12, 0, 0, 1000))

    def test_subclasses_and_iterables(self):
        class MyInt(int):
            pass

        class MyStr(str):
            pass

        out = io.BytesIO()
        with fastxlsx.Workbook(out) as wb:
            wb.add_worksheet()
            wb.write_row(iter([MyInt(5), MyStr("s"), 2.0]))
            wb.write_row((x for x in range(3)))
            wb.write_row([])
            wb.write_row([None, None, "c"])
        got = read_rows(out)
        self.assertEqual(got[0][:3], (5, "s", 2))
        self.assertEqual(got[1][:3], (0, 1, 2))
        self.assertEqual(got[3][:3], (None, None, "c"))


class FeaturesTest(Base):
    def test_formats_and_sheet_settings(self):
        out = self.path()
        with fastxlsx.Workbook(out, title="Report", author="Tests") as wb:
            ws = wb.add_worksheet("Sales")
            bold = wb.add_format(bold=True, fill_color=0xFFFF00, align="center")
            money = wb.add_format(num_format="#,##0.00")
            day = wb.add_format(num_format="dd/mm/yyyy", italic=True)
            ws.set_column_width(0, 0, 14)
            ws.set_column_format(1, 1, money)
            ws.set_column_format(2, 2, day)
            ws.freeze_panes(1, 1)
            ws.set_header_rows(1)
            ws.write_row(["name", "amount", "day"], formats=[bold, bold, bold])
            ws.write_row(["apples", 12.5, dt.date(2024, 5, 1)])
            ws.write_row(["pears", 3, dt.date(2024, 5, 2)], formats=[None, bold, None])
            ws.autofilter(0, 0, None, 2)
            ws.merge_range(5, 0, 5, 2)
            ws.add_hyperlink(6, 0, "https://example.com/")
            ws.write_row(["x"])
        book = openpyxl.load_workbook(out)
        ws = book["Sales"]
        self.assertEqual(book.properties.title, "Report")
        self.assertTrue(ws["A1"].font.b)
        self.assertEqual(ws["A1"].alignment.horizontal, "center")
        self.assertEqual(ws["B2"].number_format, "#,##0.00")
        self.assertEqual(ws["B2"].value, 12.5)
        self.assertTrue(ws["B3"].font.b)              # its own format wins over the column's
        self.assertEqual(ws["C2"].number_format, "dd/mm/yyyy")
        self.assertTrue(ws["C2"].font.i)
        self.assertEqual(ws["C2"].value, dt.datetime(2024, 5, 1))
        self.assertEqual(ws.column_dimensions["A"].width, 14.7109375)  # 14 characters as Excel stores them
        self.assertEqual(ws.freeze_panes, "B2")
        self.assertEqual(ws.auto_filter.ref, "A1:C4")
        self.assertIn("A6:C6", [str(r) for r in ws.merged_cells.ranges])
        # The column's style, for its empty cells (<col style>).
        self.assertEqual(ws.column_dimensions["B"].number_format, "#,##0.00")
        self.assertTrue(ws.column_dimensions["C"].font.i)

    def test_header_rows_repeat_on_continuation_sheets(self):
        out = io.BytesIO()
        with fastxlsx.Workbook(out, rows_per_sheet=3) as wb:
            ws = wb.add_worksheet("Long")
            ws.set_header_rows(1)
            ws.write_row(["id", "value"])
            ws.write_rows([i, i * 0.5] for i in range(5))
        self.assertEqual(read_rows(out, "Long"), [("id", "value"), (0, 0), (1, 0.5)])
        self.assertEqual(read_rows(out, "Long (2)"), [("id", "value"), (2, 1), (3, 1.5)])
        self.assertEqual(read_rows(out, "Long (3)"), [("id", "value"), (4, 2)])

    def test_threads_and_levels(self):
        outs = []
        for threads in (0, 2, 4):
            out = io.BytesIO()
            with fastxlsx.Workbook(out, threads=threads, compression_level=6, buffer_size=4096) as wb:
                wb.add_worksheet()
                wb.write_rows([i, "row %d" % i, i / 3] for i in range(3000))
            outs.append(out.getvalue())
        self.assertEqual(outs[1], outs[2])  # byte for byte the same for any number of threads
        parts = [zipfile.ZipFile(io.BytesIO(o)) for o in outs[:2]]
        for name in parts[0].namelist():  # and the same XML as without threads
            self.assertEqual(parts[0].read(name), parts[1].read(name), name)
        self.assertEqual(len(read_rows(io.BytesIO(outs[1]))), 3000)


class OutputsTest(Base):
    def test_path_and_pathlike(self):
        import pathlib
        for target in (self.path("a.xlsx"), pathlib.Path(self.path("b.xlsx"))):
            with fastxlsx.Workbook(target) as wb:
                wb.add_worksheet()
                wb.write_row(["ok"])
            self.assertEqual(read_rows(str(target)), [("ok",)])
        self.assertEqual(sorted(os.listdir(self.tmp)), ["a.xlsx", "b.xlsx"])  # no temporary files left

    def test_open_binary_file(self):
        with open(self.path(), "wb") as f:
            f.write(b"")
            with fastxlsx.Workbook(f) as wb:
                wb.add_worksheet()
                wb.write_row([1, 2, 3])
        self.assertEqual(read_rows(self.path()), [(1, 2, 3)])

    def test_text_file_refused(self):
        with open(self.path("t.txt"), "w") as f:
            with self.assertRaises(FastxlsxError) as ctx:
                fastxlsx.Workbook(f)
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_INVALID_ARGUMENT, "text mode")

    def test_object_with_write_taking_part(self):
        class Trickle:
            def __init__(self):
                self.data = bytearray()
                self.calls = 0

            def write(self, b):
                self.calls += 1
                n = min(len(b), 1000)
                self.data += b[:n]
                return n

        t = Trickle()
        with fastxlsx.Workbook(t) as wb:
            wb.add_worksheet()
            wb.write_rows([i, str(i)] for i in range(2000))
        self.assertGreater(t.calls, 5)
        self.assertEqual(len(read_rows(io.BytesIO(bytes(t.data)))), 2000)

    def test_bad_target(self):
        with self.assertRaises(FastxlsxError) as ctx:
            fastxlsx.Workbook(42)
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_INVALID_ARGUMENT, "target must be")
        with self.assertRaises(FastxlsxError) as ctx:
            fastxlsx.Workbook(os.path.join(self.tmp, "missing", "x.xlsx"))
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_IO, "No such file or directory")


class ErrorsTest(Base):
    def test_binding_range_checks_leave_the_workbook_usable(self):
        out = io.BytesIO()
        with fastxlsx.Workbook(out) as wb:
            ws = wb.add_worksheet("R")
            for bad, what in ((2 ** 64, "outside the 64-bit range"), (2 ** 63, "outside the 64-bit range"),
                              (-(2 ** 63) - 1, "outside the 64-bit range"),
                              (dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), "has a time zone"),
                              (object(), "not supported"), ("\ud800", "not encodable"),
                              (b"bytes", "not supported")):
                with self.assertRaises(FastxlsxError) as ctx:
                    ws.write_row(["ok", bad])
                self.assertStatus(ctx, fastxlsx.FAST_ERROR_INVALID_ARGUMENT, "sheet 'R', row 1, column B", what)
            ws.write_row(["after"])
        self.assertEqual(read_rows(out), [("after",)])

    def test_library_errors_carry_status_and_message(self):
        cases = [
            (lambda wb: wb.write_row([float("nan")]), -14, "column A: number is NaN"),
            (lambda wb: wb.write_row(["x" * 32768]), -12, "longer than the limit"),
            (lambda wb: wb.write_row([1, dt.date(1899, 12, 31)]), -16, "column B"),
            (lambda wb: wb.add_worksheet("a/b"), -8, "not allowed"),
            (lambda wb: wb.add_worksheet("S"), -9, "already used"),
            (lambda wb: wb.write_row([1], formats=[wb.add_format(), None]), -2, "formats has 2 entries"),
            (lambda wb: wb.add_format(font_size=1000), -2, "font_size"),
        ]
        for action, status, fragment in cases:
            with self.subTest(fragment=fragment):
                wb = fastxlsx.Workbook(io.BytesIO())
                wb.add_worksheet("S")
                with self.assertRaises(FastxlsxError) as ctx:
                    action(wb)
                self.assertStatus(ctx, status, fragment)
                wb.discard()

    def test_nan_is_refused_with_the_ways_out(self):
        wb = fastxlsx.Workbook(io.BytesIO())
        wb.add_worksheet("S")
        with self.assertRaises(FastxlsxError) as ctx:
            wb.write_row([1, float("nan")])
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_NONFINITE_NUMBER, "sheet 'S', row 1, column B: number is NaN",
                          "write None for a blank cell", 'Workbook(..., nan="blank")')
        wb.write_row(["still usable"])
        wb.discard()

    def test_nan_blank_writes_blank_cells(self):
        class F(float):
            pass
        out = io.BytesIO()
        with fastxlsx.Workbook(out, nan="blank") as wb:
            ws = wb.add_worksheet("S")
            ws.write_row([float("nan"), 1.5, decimal.Decimal("NaN"), F("nan"), "x", -float("nan")])
            for inf in (float("inf"), -float("inf"), decimal.Decimal("Infinity")):
                with self.assertRaises(FastxlsxError) as ctx:
                    ws.write_row([inf])
                self.assertStatus(ctx, fastxlsx.FAST_ERROR_NONFINITE_NUMBER, "infinite")
        self.assertEqual(read_rows(out), [(None, 1.5, None, None, "x")])
        with self.assertRaises(FastxlsxError) as ctx:
            fastxlsx.Workbook(io.BytesIO(), nan="zero")
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_INVALID_ARGUMENT, "Workbook(nan='zero')")

    def test_messages_name_python_calls_not_c_functions(self):
        def fresh(rows=True):
            wb = fastxlsx.Workbook(io.BytesIO())
            ws = wb.add_worksheet("S")
            if rows:
                ws.write_row([1])
            return wb, ws
        cases = [
            (lambda wb, ws: ws.set_column_width(0, 0, 10), "set_column_width(): sheet 'S' already has rows"),
            (lambda wb, ws: ws.set_column_format(0, 0, None), "set_column_format(): sheet 'S' already has rows"),
            (lambda wb, ws: ws.freeze_panes(1), "freeze_panes(): sheet 'S' already has rows"),
            (lambda wb, ws: ws.set_header_rows(1), "set_header_rows(): "),
            (lambda wb, ws: ws.set_autofit_rows(5), "set_autofit_rows(): "),
            (lambda wb, ws: ws.merge_range(0, 0, 0, 0), "merge_range(): a single cell"),
            (lambda wb, ws: ws.autofilter(5, 0, 1, 0), "autofilter(): "),
            (lambda wb, ws: ws.add_hyperlink(0, 0, "x" * 3000), "add_hyperlink(): "),
            (lambda wb, ws: ws.add_internal_link(0, 0, "S", "zz"), "add_internal_link(): "),
            (lambda wb, ws: wb.add_worksheet("s"), "already used"),
        ]
        for action, fragment in cases:
            with self.subTest(fragment=fragment):
                wb, ws = fresh()
                with self.assertRaises(FastxlsxError) as ctx:
                    action(wb, ws)
                self.assertIn(fragment, ctx.exception.message)
                self.assertNotIn("fast_", ctx.exception.message)
                self.assertNotIn("fast_", str(ctx.exception))
                wb.discard()
        wb = fastxlsx.Workbook(io.BytesIO())
        with self.assertRaises(FastxlsxError) as ctx:
            wb.write_row([1])
        self.assertEqual(ctx.exception.message, "write_row(): no worksheet; call add_worksheet() first")
        wb.discard()
        for threads in (0, 10 ** 6):
            with self.subTest(threads=threads):
                try:
                    wb = fastxlsx.Workbook(io.BytesIO(), threads=threads)
                    wb.discard()
                except FastxlsxError as e:
                    self.assertNotIn("fast_", e.message)
        # The translation itself, for names this module does not call too.
        self.assertEqual(fastxlsx._python_message("fast_format_set_font_size: 1000 points"),
                         "add_format(font_size=...): 1000 points")
        self.assertEqual(fastxlsx._python_message("see fast_workbook_add_internal_link()."),
                         "see add_internal_link().")
        self.assertEqual(fastxlsx._python_message("fast_workbook_set_data_validation: x"), "set_data_validation(): x")

    def test_docs_say_excel_rounds_integers_beyond_2_53(self):
        self.assertIn("beyond 2**53", fastxlsx.__doc__)
        self.assertIn("rounded", fastxlsx.__doc__)

    def test_call_order(self):
        wb = fastxlsx.Workbook(io.BytesIO())
        with self.assertRaises(FastxlsxError) as ctx:
            wb.write_row([1])
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_STATE, "no worksheet")
        wb.discard()
        wb = fastxlsx.Workbook(io.BytesIO())
        ws = wb.add_worksheet()
        ws.write_row([1])
        with self.assertRaises(FastxlsxError) as ctx:
            ws.set_column_format(0, 0, wb.add_format(bold=True))
        self.assertStatus(ctx, -19, "already has rows")
        wb.discard()
        wb = fastxlsx.Workbook(io.BytesIO())
        first = wb.add_worksheet("one")
        wb.add_worksheet("two")
        with self.assertRaises(FastxlsxError) as ctx:
            first.write_row([1])
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_STATE, "'one' is finished")
        wb.close()
        with self.assertRaises(FastxlsxError) as ctx:
            wb.write_row([1])
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_CLOSED, "closed")

    def test_format_of_another_workbook(self):
        a, b = fastxlsx.Workbook(io.BytesIO()), fastxlsx.Workbook(io.BytesIO())
        fb = b.add_format(bold=True)
        ws = a.add_worksheet()
        with self.assertRaises(FastxlsxError) as ctx:
            ws.write_row([1], formats=[fb])
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_INVALID_ARGUMENT, "not a Format of this workbook")
        with self.assertRaises(FastxlsxError):
            ws.set_column_format(0, 0, fb)
        a.discard()
        b.discard()

    def test_write_callback_exception(self):
        class Broken:
            def __init__(self):
                self.n = 0

            def write(self, b):
                self.n += 1
                if self.n > 2:
                    raise OSError("disk full")
                return len(b)

        with self.assertRaises(FastxlsxError) as ctx:
            with fastxlsx.Workbook(Broken(), threads=2, buffer_size=4096) as wb:
                wb.add_worksheet()
                wb.write_rows([i, "text %d" % i] for i in range(50000))
        self.assertStatus(ctx, fastxlsx.FAST_ERROR_CALLBACK, "write callback returned -1")
        self.assertIsInstance(ctx.exception.__cause__, OSError)

    def test_exception_in_block_discards_the_output(self):
        out = self.path()
        with open(out, "wb") as f:
            f.write(b"previous")
        with self.assertRaises(RuntimeError):
            with fastxlsx.Workbook(out) as wb:
                wb.add_worksheet()
                wb.write_row([1])
                raise RuntimeError("stop")
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"previous")
        self.assertEqual(os.listdir(self.tmp), ["out.xlsx"])  # the temporary file is gone

    def test_unknown_format_property(self):
        wb = fastxlsx.Workbook(io.BytesIO())
        with self.assertRaises(TypeError):
            wb.add_format(sparkle=True)
        with self.assertRaises(FastxlsxError):
            wb.add_format(align="sideways")
        wb.discard()


class LoadingTest(Base):
    def run_python(self, code, env):
        return subprocess.run(["/usr/bin/python3", "-c", code], env=env, cwd=self.tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)

    def test_library_next_to_the_module(self):
        lib = os.path.realpath(os.environ["FASTXLSX_LIBRARY"])
        shutil.copy(os.path.join(MODULE_DIR, "fastxlsx.py"), self.tmp)
        shutil.copy(lib, os.path.join(self.tmp, "libfastxlsx.so.0"))
        env = {k: v for k, v in os.environ.items() if k not in ("FASTXLSX_LIBRARY", "LD_LIBRARY_PATH")}
        r = self.run_python("import fastxlsx; print(fastxlsx._lib._name)", env)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(r.stdout.decode().strip(), os.path.join(self.tmp, "libfastxlsx.so.0"))

    def test_loader_search(self):
        lib = os.path.realpath(os.environ["FASTXLSX_LIBRARY"])
        shutil.copy(os.path.join(MODULE_DIR, "fastxlsx.py"), self.tmp)  # alone: no library beside it
        env = {k: v for k, v in os.environ.items() if k != "FASTXLSX_LIBRARY"}
        env["LD_LIBRARY_PATH"] = os.path.dirname(lib)
        r = self.run_python("import fastxlsx; print(fastxlsx.library_version())", env)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertTrue(r.stdout.decode().startswith("0."), r.stdout)

    def test_environment_variable_wins_and_errors_are_clear(self):
        env = dict(os.environ, FASTXLSX_LIBRARY=os.path.join(self.tmp, "nope.so"), PYTHONPATH=MODULE_DIR)
        r = self.run_python("import fastxlsx", env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(b"cannot load libfastxlsx (set FASTXLSX_LIBRARY", r.stdout)


class RoundTripTest(Base):
    def test_100k_rows(self):
        out = self.path("big.xlsx")
        base = dt.date(2020, 1, 1)
        with fastxlsx.Workbook(out, threads=2) as wb:
            ws = wb.add_worksheet("Big")
            ws.write_row(["id", "name", "amount", "day", "flag"])
            ws.write_rows([i, "name %d" % (i % 1000), i * 0.25, base + dt.timedelta(days=i % 3650), i % 2 == 0]
                          for i in range(100000))
        book = openpyxl.load_workbook(out, read_only=True)
        ws = book["Big"]
        n = 0
        for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True)):
            if r % 9973 == 0 or r == 99999:
                self.assertEqual(row, (r, "name %d" % (r % 1000), r * 0.25,
                                       dt.datetime.combine(base + dt.timedelta(days=r % 3650), dt.time()),
                                       r % 2 == 0))
            n += 1
        self.assertEqual(n, 100000)
        book.close()


if __name__ == "__main__":
    unittest.main()
