#!/usr/bin/python3
"""Every type rule of the PostgreSQL adapter, through pg2xlsx and openpyxl,
against what psql prints for the same query.

usage: check_types.py PG2XLSX OUTDIR
(PGHOST, PGPORT, PGUSER, PGDATABASE name the test server; the schema of
setup.sql is loaded.) Each query below goes to its own sheet; the workbook is
read back with openpyxl and every cell compared with psql's text of that value
under the rule of fastxlsx_pg.h for its type. Exits non-zero on any mismatch.
"""
import datetime
import os
import re
import subprocess
import sys

import openpyxl

QUERIES = [
    ("ints", """select i2, i4, i8, o from (values
        ('-32768'::int2, '-2147483648'::int4, '-9223372036854775808'::int8, 0::oid),
        (32767, 2147483647, 9223372036854775807, 4294967295),
        (0, 0, 9007199254740992, 1), (1, -1, 9007199254740993, 2),
        (null, null, -9007199254740992, null), (null, null, -9007199254740993, null)) v(i2, i4, i8, o)"""),
    ("floats", """select f4, f8 from (values
        (0.1::float4, 0.1::float8), (3.4028235e38, 1e308), (1e-45, 5e-324), ('NaN', 'NaN'),
        ('Infinity', 'Infinity'), ('-Infinity', '-Infinity'), (123456.79, 3.141592653589793),
        (-2.5, -0.0), (16777217, 1e-7), (null, null)) v(f4, f8)"""),
    ("numerics", """select n, n2 from (values
        (123456789012345::numeric, 3.10::numeric(10,2)), (12345678901234567890, 0.00),
        (-0.000000000000001234, -1.5), (1.50, 0), ('NaN', 'Infinity'), ('-Infinity', 1e-30),
        (12345.678901234567, 1e100), (99999999999999999999999999999999999999, -123456789.012345),
        (0.1, 1e-400), (1e400, null)) v(n, n2)"""),
    ("dates", """select d from (values ('1900-01-01'::date), ('1900-02-28'), ('1900-03-01'), ('1899-12-31'),
        ('9999-12-31'), ('10000-01-01'), ('infinity'), ('-infinity'), ('0044-03-15 BC'), ('2000-02-29'),
        ('1970-01-01'), (null)) v(d)"""),
    ("timestamps", """select t from (values ('2024-05-06 07:08:09.123456'::timestamp),
        ('2024-05-06 23:59:59.9996'), ('1899-12-31 23:59:59.9999'), ('1899-12-31 23:59:59.999'),
        ('9999-12-31 23:59:59.999'), ('9999-12-31 23:59:59.9996'), ('infinity'), ('-infinity'),
        ('0044-03-15 12:00:00 BC'), ('1900-01-01 00:00:00'), ('1900-03-01 12:00:00.0005'), (null)) v(t)"""),
    ("timestamptz", """select tz from (values ('2024-01-15 12:34:56.789+00'::timestamptz),
        ('2024-07-01 00:00:00.0005+00'), ('infinity'), ('1900-01-01 02:00:00+00'), ('1899-12-31 20:00:00+00'),
        ('2024-03-31 01:30:00+00'), (null)) v(tz)"""),
    ("times", """select tm from (values ('00:00:00'::time), ('12:34:56.789'), ('23:59:59.999999'),
        ('24:00:00'), ('06:00:00.000001'), (null)) v(tm)"""),
    ("texts", """select s, c, v, nm from (values
        (''::text, 'ab'::char(5), 'v'::varchar(10), 'nm'::name), (null, null, null, null),
        (E'tab\\there', 'abcde', '', 'x'), (E'new\\nline', 'a', 'b', 'y'), (E'cr\\rlf\\r\\n', 'b', 'c', 'z'),
        (E'ctl\\x01\\x02\\x1b', 'c', 'd', 'w'), ('"quotes" and ''apostrophes''', 'd', 'e', 'v'),
        ('back\\slash', 'e', 'f', 'u'), ('<xml & amp; ]]>', 'f', 'g', 't'),
        ('ünïcödé 日本語 🎉', 'é', 'ü', 's'), ('_x0041_ literal', 'g', 'h', 'r'),
        ('  leading and trailing  ', 'h', 'i', 'q'), ('=1+2', '@', '-', 'p')) v(s, c, v, nm)"""),
    ("others", """select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u, '{"a": [1, 2.5, null]}'::json as j,
        '{"b": 1, "a": "x"}'::jsonb as jb, '1 year 2 mons 3 days 04:05:06.789'::interval as iv,
        '12:34:56+05:30'::timetz as ttz, '\\xdeadbeef'::bytea as by, '{1,NULL,3}'::int[] as ia,
        '{"a b","c,d",NULL}'::text[] as ta, 'happy'::mood as en, 42::posint as dom,
        '[1,10)'::int4range as r, row(1, 'a')::pair as comp, '192.168.0.1/24'::inet as ip,
        B'1011' as bits, 12.5::money as cash, '(1,2)'::point as pt, true::yesno as bdom"""),
    ("bools", "select b from (values (true), (false), (null)) v(b)"),
    ("names", '''select 1 as a, 2 as a, 'x' as "weird ""name""", 3 as "?column?", 4 as "Mixed Case",
        5 as "日本" '''),
]

NULL = "\x02NULL\x03"


def psql(sql, extra_env=None):
    env = dict(os.environ, **(extra_env or {}))
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-R", "\x1e", "-P", "null=" + NULL,
                          "-v", "ON_ERROR_STOP=1"], input=sql.encode(), capture_output=True, env=env,
                         check=True).stdout.decode()  # bytes: text mode would turn CR into LF
    out = out[:-1] if out.endswith("\n") else out
    return [rec.split("\x1f") for rec in out.split("\x1e")] if out else []


def sig_digits(text):
    digits = re.sub(r"[^0-9]", "", text).strip("0")
    return len(digits)


def parse_wall(text):
    """psql's timestamp text (ISO) without zone -> (datetime fields, bc) or None."""
    m = re.fullmatch(r"(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?( BC)?", text)
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    hh, mi, ss = (int(m[4]), int(m[5]), int(m[6])) if m[4] else (0, 0, 0)
    us = int((m[7] or "").ljust(6, "0")) if m[7] else 0
    return (y, mo, d, hh, mi, ss, us, bool(m[8]))


def strip_offset(text):
    return re.sub(r"[+-]\d\d(?::\d\d(?::\d\d)?)?(?= BC$|$)", "", text)


failures = []

# Text as openpyxl returns it: it does not decode the _xHHHH_ escapes of ST_Xstring
# (ECMA-376 Part 1 §22.9.2.19) that control characters and CR are written as, and it
# only drops "x005F_" in shared strings (see tests/tools/check_values.py).
_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def same_text(got, text):
    enc = _ESCAPE.sub(lambda m: "_x%04X_" % ord(m.group()), text)
    return got in (text, enc, enc.replace("_x005F_", "_"))


def check(sheet, row, col, ok, got, want):
    if not ok:
        failures.append(f"{sheet} row {row} col {col}: got {got!r}, want {want!r}")


def expect(sheet, r, c, typ, text, got):
    if text == NULL:
        return check(sheet, r, c, got is None, got, None)
    base = typ.split("(")[0].strip()
    if base in ("smallint", "integer", "oid"):
        return check(sheet, r, c, type(got) in (int, float) and got == int(text), got, text)
    if base == "bigint":
        if abs(int(text)) <= 2**53:
            return check(sheet, r, c, type(got) in (int, float) and got == int(text), got, text)
        return check(sheet, r, c, got == text, got, text)
    if base in ("real", "double precision"):
        if text in ("NaN", "Infinity", "-Infinity"):
            return check(sheet, r, c, got == text, got, text)
        return check(sheet, r, c, type(got) in (int, float) and float(got) == float(text), got, text)
    if base == "numeric":
        if text in ("NaN", "Infinity", "-Infinity") or sig_digits(text) > 15:
            return check(sheet, r, c, got == text, got, text)
        v = float(text)
        if sig_digits(text) and (abs(v) < 2.2250738585072014e-308 or abs(v) == float("inf")):
            return check(sheet, r, c, got == text, got, text)
        return check(sheet, r, c, type(got) in (int, float) and float(got) == v, got, text)
    if base == "boolean":
        return check(sheet, r, c, got is (text == "t"), got, text)
    if base in ("date", "timestamp without time zone", "timestamp with time zone"):
        wall = strip_offset(text) if base == "timestamp with time zone" else text
        p = parse_wall(wall)
        if p is None:  # infinity
            return check(sheet, r, c, got == wall, got, wall)
        y, mo, d, hh, mi, ss, us, bc = p
        if not bc and 1 <= y <= 9999:
            exact = datetime.datetime(y, mo, d, hh, mi, ss, us)
            ms = round(us / 1000 + 1e-9)  # half up, as the adapter rounds
            try:
                rounded = datetime.datetime(y, mo, d, hh, mi, ss) + datetime.timedelta(milliseconds=ms)
            except OverflowError:  # past 9999-12-31
                rounded = None
            if rounded and 1900 <= rounded.year <= 9999:
                ok = isinstance(got, datetime.datetime) and abs((got - rounded).total_seconds()) < 0.0005
                return check(sheet, r, c, ok, got, f"{rounded} (from {exact})")
        return check(sheet, r, c, got == wall, got, wall)
    if base == "time without time zone":
        hh, mi, rest = text.split(":")
        want = int(hh) * 3600 + int(mi) * 60 + float(rest)
        if isinstance(got, datetime.time):
            sec = got.hour * 3600 + got.minute * 60 + got.second + got.microsecond / 1e6
        elif isinstance(got, datetime.datetime):  # serial 1.0 (24:00:00) reads as the date-time of day 1
            sec = (got - datetime.datetime(1899, 12, 31)).total_seconds()
        elif isinstance(got, (int, float)):
            sec = got * 86400
        else:
            return check(sheet, r, c, False, got, text)
        return check(sheet, r, c, abs(sec - want) < 0.001, got, text)
    # everything else: text as psql prints it
    return check(sheet, r, c, isinstance(got, str) and same_text(got, text), got, text)


def main():
    pg2xlsx, outdir = sys.argv[1], sys.argv[2]
    zones = ["UTC", "America/New_York", "Asia/Kolkata"]
    checked = 0
    for zone in zones:
        out = os.path.join(outdir, f"types-{zone.replace('/', '_')}.xlsx")
        args = [pg2xlsx, "-o", out]
        for name, sql in QUERIES:
            args += ["-c", sql, "--sheet", name]
        env = dict(os.environ, PGTZ=zone)
        res = subprocess.run(args, capture_output=True, text=True, env=env)
        if res.returncode != 0:
            print(f"FAIL: pg2xlsx exit {res.returncode}: {res.stderr}")
            sys.exit(1)
        wb = openpyxl.load_workbook(out)
        if wb.sheetnames != [n for n, _ in QUERIES]:
            failures.append(f"sheet names {wb.sheetnames}")
        for name, sql in QUERIES:
            if zone != "UTC" and name != "timestamptz":
                continue
            ws = wb[name]
            rows = list(ws.iter_rows(values_only=True))
            desc = psql(sql + " \\gdesc\n")
            want = psql(sql + ";\n", {"PGTZ": zone})
            names = [d[0] for d in desc]
            types = [d[1] for d in desc]
            hdr = [v for v in rows[0]] if rows else []
            check(name, 1, "header", hdr == names, hdr, names)
            # openpyxl ends the sheet at its last cell: trailing rows of NULLs have none
            while len(rows) < len(want) + 1 and all(v == NULL for v in want[len(rows) - 1]):
                rows.append(())
            check(name, 0, "count", len(rows) == len(want) + 1, len(rows), len(want) + 1)
            if ws.freeze_panes != "A2":
                failures.append(f"{name}: freeze panes {ws.freeze_panes}")
            if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
                failures.append(f"{name}: autofilter {ws.auto_filter.ref}")
            if not ws["A1"].font.b:
                failures.append(f"{name}: header not bold")
            for i, rec in enumerate(want):
                got_row = rows[i + 1] if i + 1 < len(rows) else ()
                for j, text in enumerate(rec):
                    got = got_row[j] if j < len(got_row) else None
                    expect(f"{name}[{zone}]", i + 2, j + 1, types[j], text, got)
                    checked += 1
            # number formats: dates, date-times and times are shown as such
            for j, typ in enumerate(types):
                fmts = {ws.cell(row=i + 2, column=j + 1).number_format for i in range(len(want))
                        if isinstance(ws.cell(row=i + 2, column=j + 1).value, (datetime.datetime, datetime.time))}
                if typ == "time without time zone" and fmts - {"hh:mm:ss"}:
                    failures.append(f"{name} col {j + 1}: time formats {fmts}")
    for f in failures:
        print("FAIL:", f)
    print(f"check_types: {checked} values compared with psql, {len(failures)} mismatches")
    sys.exit(1 if failures else 0)


main()
