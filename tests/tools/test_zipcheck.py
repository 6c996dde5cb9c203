#!/usr/bin/python3
"""test_zipcheck.py [--quick] [--hello FILE.xlsx] - self-tests of zipcheck.py.

Shows that zipcheck accepts well-formed streaming ZIPs (a workbook from build/hello, a
small one and ZIP64 ones made here) and that every class of check can fail:
byte-level corruptions of the hello workbook (CRC flip, truncation, broken deflate
data, trailing bytes, ...), Python's zipfile output (no data descriptors), and
archives from the small writer below with one deliberate deviation each.

The ZIP64 cases use a stored entry of 0xFFFFFFFF zero bytes written as a hole in a
sparse file (no disk space used; each check reads 4 GiB, a few seconds), and an
archive of 65,535 empty entries. --quick leaves them out.
Prints "N passed, N failed"; exit status 1 if any failed.
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ZIPCHECK = os.path.join(HERE, "zipcheck.py")
U32 = 0xFFFFFFFF
CT = b"[Content_Types].xml"

_zero_crc = {}


def zero_crc(n):
    """CRC-32 of n zero bytes, computed once per n."""
    if n not in _zero_crc:
        z, crc, left = bytes(1 << 22), 0, n
        while left:
            crc = zlib.crc32(z[:min(left, len(z))], crc)
            left -= min(left, len(z))
        _zero_crc[n] = crc
    return _zero_crc[n]


def deflated_zeros(chunks):
    """A raw deflate stream of @chunks * 4 MiB zero bytes, without compressing them all:
    after the first chunk, each sync-flushed chunk compresses to the same bytes."""
    z, c = bytes(1 << 22), zlib.compressobj(1, zlib.DEFLATED, -15)
    first = c.compress(z) + c.flush(zlib.Z_SYNC_FLUSH)
    again = c.compress(z) + c.flush(zlib.Z_SYNC_FLUSH)
    return first + again * (chunks - 1) + c.flush()


def deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip(path, entries, bugs=None, stream=False, zip64_worksheets=False):
    """A streaming ZIP as zipcheck expects it, unless @bugs names deviations.

    @entries: dicts with name (bytes), data (bytes) or zeros (size of a stored entry
    of zero bytes, written as a hole), method (8 default, or 0).
    @bugs: {deviation: entry index or None for every entry}; see the uses below.
    @stream: local headers keep version needed 20 (non-seekable output).
    @zip64_worksheets: worksheet entries in the ZIP64 form from the local header on
    (fast_workbook_set_zip64(wb, FAST_ZIP64_WORKSHEETS))."""
    bugs = bugs or {}

    def bug(name, i=None):
        return name in bugs and (bugs[name] is None or i is None or bugs[name] == i)

    recs = []
    with open(path, "wb") as f:
        for i, e in enumerate(entries):
            off, name, method = f.tell(), e["name"], e.get("method", 8)
            if "dzeros" in e:
                payload, usize = deflated_zeros(e["dzeros"]), e["dzeros"] << 22
                csize, crc = len(payload), zero_crc(usize)
            elif "zeros" in e:
                method, payload, usize, crc = 0, None, e["zeros"], zero_crc(e["zeros"])
                csize = usize
            else:
                payload = deflate(e["data"]) if method == 8 else e["data"]
                usize, csize, crc = len(e["data"]), len(payload), zlib.crc32(e["data"])
            forced = zip64_worksheets and name.startswith(b"xl/worksheets/sheet")
            big_sizes = usize >= U32 or csize >= U32 or forced
            zip64 = big_sizes or off >= U32
            need = 45 if zip64 else 20
            lneed = 20 if stream and not forced else need
            if bug("local_need", i):
                lneed = 45 if lneed == 20 else 20
            flags = 0 if bug("no_bit3", i) else 8
            lsizes = (crc, csize, usize) if bug("local_sizes", i) else (0, U32, U32) if forced else (0, 0, 0)
            tm, dt = (0x7A4B, 0x5D75) if bug("dos_time", i) else (0, 0x21)
            lextra = struct.pack("<HHQQ", 1, 16, 0, 0) if bug("local_zip64", i) or forced else b""
            lmethod = 12 if bug("method", i) else method
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, lneed, flags, lmethod, tm, dt, *lsizes,
                                len(name), len(lextra)) + name + lextra)
            if payload is None:
                f.seek(usize, 1)  # a hole: reads back as zeros
            else:
                f.write(payload)
            wide = big_sizes != bug("desc_wide", i)
            sig = b"" if bug("no_desc_sig", i) else struct.pack("<I", 0x08074B50)
            dcrc = crc ^ 1 if bug("desc_crc", i) else crc
            dus = usize + 1 if bug("desc_size", i) else usize
            f.write(sig + struct.pack("<I", dcrc) + struct.pack("<QQ" if wide else "<II", csize, dus))
            if bug("gap", i):
                f.write(b"\0" * 4)
            recs.append(dict(i=i, name=name, method=method, flags=flags, crc=crc, usize=usize,
                             csize=csize, off=off, need=need, forced=forced))

        if "cd_order" in bugs:
            recs[1], recs[2] = recs[2], recs[1]
        cd_off = f.tell()
        n = 0
        for r in recs:
            i = r["i"]
            if bug("cd_drop", i):
                continue
            n += 1
            mark_sizes = r["usize"] >= U32 or r["csize"] >= U32 or bug("cd_zip64_unneeded", i)
            mark_off = r["off"] >= U32
            fields = []
            if mark_sizes:
                fields += [r["csize"], r["usize"]] if bug("cd_zip64_order", i) else [r["usize"], r["csize"]]
            if mark_off:
                fields.append(r["off"])
            extra = b"" if not fields or bug("cd_no_zip64", i) else \
                struct.pack("<HH", 1, 8 * len(fields)) + b"".join(struct.pack("<Q", v) for v in fields)
            need = r["need"] if not bug("cd_need", i) else (45 if r["need"] == 20 else 20)
            name = r["name"] + b"x" if bug("cd_name", i) else r["name"]
            method = (8 if r["method"] == 0 else 0) if bug("cd_method", i) else r["method"]
            flags = r["flags"] | 0x0800 if bug("cd_flags", i) else r["flags"]
            crc = r["crc"] ^ 1 if bug("cd_crc", i) else r["crc"]
            usize = U32 if mark_sizes else r["usize"] + (1 if bug("cd_size", i) else 0)
            csize = U32 if mark_sizes else r["csize"]
            off = U32 if mark_off else r["off"] + (1 if bug("cd_offset", i) else 0)
            f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, need, need, flags, method, 0, 0x21, crc,
                                csize, usize, len(name), len(extra), 0, 0, 0, 0, off) + name + extra)
        cd_size = f.tell() - cd_off
        z64 = n >= 0xFFFF or cd_size >= U32 or cd_off >= U32
        if "z64_force" in bugs:
            z64 = True
        if "z64_omit" in bugs:
            z64 = False
        if z64:
            rec_at = f.tell()
            f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, cd_size, cd_off))
            f.write(struct.pack("<IIQI", 0x07064B50, 0, rec_at, 1))
        markers = "eocd_no_markers" not in bugs

        def fit(v, m):
            return m if v >= m and markers else v & m
        comment = b"hi" if "eocd_comment" in bugs else b""
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, fit(n, 0xFFFF), fit(n, 0xFFFF),
                            fit(cd_size, U32) + ("eocd_cd_size" in bugs),
                            fit(cd_off, U32) + ("eocd_cd_offset" in bugs), len(comment)) + comment)
        if "trailing" in bugs:
            f.write(b"junk")


def small_entries():
    return [dict(name=b"xl/workbook.xml", data=b"<workbook/>" * 100),
            dict(name=CT, data=b"<Types/>" * 50),
            dict(name=b"xl/stored.bin", data=bytes(range(256)) * 4, method=0),
            dict(name=b"docProps/app.xml", data=b"")]


def big_entries():
    # Entry 1 needs ZIP64 sizes; entries 2 and 3 start past 4 GiB and need ZIP64 offsets,
    # and so does the central directory.
    return [dict(name=b"xl/workbook.xml", data=b"<workbook/>" * 10),
            dict(name=b"xl/worksheets/sheet1.xml", zeros=U32),
            dict(name=CT, data=b"<Types/>"),
            dict(name=b"docProps/app.xml", data=b"<Properties/>", method=0)]


def big_deflated_entries():
    # Entry 1 inflates to 4 GiB from 18 MB: uncompressed size needs ZIP64, compressed size does not.
    return [dict(name=b"xl/workbook.xml", data=b"<workbook/>" * 10),
            dict(name=b"xl/worksheets/sheet1.xml", dzeros=1024),
            dict(name=CT, data=b"<Types/>")]


class Runner:
    def __init__(self, tmp):
        self.tmp, self.passed, self.failed = tmp, 0, 0

    def check(self, label, path, expect_ok, needle=None, stream=False, z64w=False):
        """Run zipcheck on @path; it must succeed (expect_ok) or fail with @needle in its output."""
        cmd = [sys.executable, ZIPCHECK, path] + (["--stream"] if stream else []) + \
            (["--zip64-worksheets"] if z64w else [])
        p = subprocess.run(cmd, capture_output=True, text=True)
        out = p.stdout + p.stderr
        ok = (p.returncode == 0) if expect_ok else (p.returncode == 1 and (needle is None or needle in out))
        if ok:
            self.passed += 1
            # the summary line for a success, the first problem (without the file name) for a failure
            first = (p.stdout if expect_ok else p.stderr).strip().split("\n")[0]
            print(f"ok    {label}: {first if expect_ok else first.split(': ', 2)[-1]}")
        else:
            self.failed += 1
            print(f"FAIL  {label}: rc={p.returncode}, expected {'success' if expect_ok else repr(needle)}\n"
                  + "".join("      " + l + "\n" for l in out.splitlines()[:10]))

    def made(self, label, entries, expect_ok, needle=None, bugs=None, stream=False, check_stream=None,
             z64w=False, check_z64w=None):
        path = os.path.join(self.tmp, "t.zip")
        write_zip(path, entries, bugs, stream, z64w)
        self.check(label, path, expect_ok, needle, stream if check_stream is None else check_stream,
                   z64w if check_z64w is None else check_z64w)
        os.unlink(path)

    def mutated(self, label, src, mutate, needle):
        data = bytearray(open(src, "rb").read())
        data = mutate(data) or data
        path = os.path.join(self.tmp, "m.zip")
        open(path, "wb").write(data)
        self.check(label, path, False, needle)


def hello_tests(r, hello):
    r.check("build/hello output", hello, True)
    infos = zipfile.ZipFile(hello).infolist()
    second = infos[1].header_offset
    eocd = os.path.getsize(hello) - 22

    def setb(off, val):
        def m(d):
            d[off] = val
        return m

    def flip(off):
        def m(d):
            d[off] ^= 0x01
        return m
    r.mutated("hello: CRC byte flipped in the first data descriptor", hello, flip(second - 12),
              "data descriptor CRC-32")
    r.mutated("hello: size byte changed in the first data descriptor", hello, flip(second - 4),
              "data descriptor sizes")
    r.mutated("hello: descriptor signature damaged", hello, flip(second - 16), "no data descriptor signature")
    r.mutated("hello: local header signature damaged", hello, flip(second), "expected local file header 1")
    r.mutated("hello: deflate block type 3 (reserved)", hello, setb(30 + len(infos[0].filename), 0x07), "invalid deflate data")
    r.mutated("hello: truncated in the middle", hello, lambda d: d[:len(d) // 2], "end of central directory")
    r.mutated("hello: last byte cut off", hello, lambda d: d[:-1], "bytes into the EOCD record")
    r.mutated("hello: bytes after the EOCD", hello, lambda d: d + b"\0\0", "follow it")
    r.mutated("hello: EOCD comment", hello,
              lambda d: d[:-2] + struct.pack("<H", 3) + b"abc", "has a comment of 3 bytes")
    r.mutated("hello: EOCD central directory offset + 1", hello,
              lambda d: d[:eocd + 16] + struct.pack("<I", struct.unpack_from("<I", d, eocd + 16)[0] + 1) + d[eocd + 20:],
              "central directory offset")
    r.mutated("hello: central directory CRC changed", hello, flip(zipfile.ZipFile(hello).start_dir + 16),
              "central directory CRC-32")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="leave out the ZIP64 (4 GiB sparse, 65,535 entries) cases")
    ap.add_argument("--hello", default=None, help="a workbook written by build/hello (default: run build/hello)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="zipcheck-test.")
    r = Runner(tmp)
    try:
        hello = args.hello
        if hello is None and os.access(os.path.join(ROOT, "build", "hello"), os.X_OK):
            hello = os.path.join(tmp, "hello.xlsx")
            subprocess.run([os.path.join(ROOT, "build", "hello"), hello], check=True, capture_output=True)
        if hello:
            hello_tests(r, hello)
        else:
            print("skip  build/hello not built (make build/hello)")

        # Python's zipfile: no data descriptors, real timestamps: must be rejected.
        pz = os.path.join(tmp, "pyzip.xlsx")
        with zipfile.ZipFile(pz, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", "<workbook/>")
            z.writestr(CT.decode(), "<Types/>")
        r.check("Python zipfile output", pz, False, "flag bit 3")

        S = small_entries
        r.made("small archive, deflate + stored + empty", S(), True)
        r.made("small archive checked with --stream", S(), True, stream=True)
        for label, bug, at, needle in [
            ("local: bit 3 clear", "no_bit3", 1, "flag bit 3"),
            ("local: CRC and sizes filled in", "local_sizes", 1, "local header CRC/sizes must be 0"),
            ("local: DOS time/date not 1980-01-01", "dos_time", 2, "DOS time/date"),
            ("local: ZIP64 extra field", "local_zip64", 1, "ZIP64 extra field in the local header"),
            ("local: compression method 12", "method", 1, "compression method 12"),
            ("local: version needed differs from central", "local_need", 1, "local version needed to extract 45"),
            ("descriptor: no signature", "no_desc_sig", 1, "no data descriptor signature"),
            ("descriptor: CRC wrong", "desc_crc", 2, "data descriptor CRC-32"),
            ("descriptor: size wrong", "desc_size", 1, "data descriptor sizes"),
            ("descriptor: 8-byte sizes for a small entry", "desc_wide", 1, "the descriptor has 8-byte sizes"),
            ("entries not contiguous (4 bytes after a descriptor)", "gap", 1, "expected local file header 2"),
            ("central: record missing", "cd_drop", 3, "local entry 3 at offset"),
            ("central: records out of order", "cd_order", None, "central directory record 1 gives local header offset"),
            ("central: name differs", "cd_name", 1, "in the central directory"),
            ("central: method differs", "cd_method", 1, "method 8 in the local header but 0"),
            ("central: flags differ", "cd_flags", 1, "flags 8 in the local header but 2056"),
            ("central: CRC differs", "cd_crc", 1, "central directory CRC-32"),
            ("central: size differs", "cd_size", 1, "central directory uncompressed size"),
            ("central: local header offset differs", "cd_offset", 2, "gives local header offset"),
            ("central: ZIP64 extra field not needed", "cd_zip64_unneeded", 1, "although both sizes fit"),
            ("central: version needed 45 without ZIP64", "cd_need", 1, "version needed to extract 45, expected 20"),
            ("end: EOCD comment", "eocd_comment", None, "has a comment of 2 bytes"),
            ("end: bytes after the EOCD", "trailing", None, "follow it"),
            ("end: ZIP64 end records not needed", "z64_force", None, "ZIP64 end records present although not needed"),
            ("end: central directory size wrong", "eocd_cd_size", None, "central directory offset"),
            ("end: central directory offset wrong", "eocd_cd_offset", None, "central directory offset"),
        ]:
            r.made(label, S(), False, needle, bugs={bug: at})
        # --zip64-worksheets: worksheet entries ZIP64 from the local header on, whatever their size.
        W = lambda: S() + [dict(name=b"xl/worksheets/sheet1.xml", data=b"<worksheet/>" * 20)]
        r.made("--zip64-worksheets: small worksheet in the ZIP64 form", W(), True, z64w=True)
        r.made("--zip64-worksheets: the same for a stream", W(), True, z64w=True, stream=True)
        r.made("--zip64-worksheets output checked without the option", W(), False,
               "ZIP64 extra field in the local header", z64w=True, check_z64w=False)
        r.made("--zip64-worksheets: classic worksheet entry", W(), False,
               "version needed to extract 20, expected 45 (--zip64-worksheets)", check_z64w=True)
        r.made("--zip64-worksheets: ZIP64 extra field in the central directory not needed", W(), False,
               "although both sizes fit", bugs={"cd_zip64_unneeded": 4}, z64w=True)
        r.made("--zip64-worksheets: 4-byte descriptor", W(), False, "the descriptor has 4-byte sizes",
               bugs={"desc_wide": 4}, z64w=True)
        r.made("--zip64-worksheets: local sizes 0 instead of 0xFFFFFFFF", W(), False,
               "local CRC/sizes must be 0/0xFFFFFFFF/0xFFFFFFFF", bugs={"local_sizes": 4}, z64w=True)
        bad_first = S()
        bad_first[0], bad_first[1] = bad_first[1], bad_first[0]
        r.made("first entry is not under xl/ ([Content_Types].xml first)", bad_first, False,
               "the first entry must be a part under")
        r.made("no [Content_Types].xml", [e for e in S() if e["name"] != CT], False, "appears 0 times")
        r.made("[Content_Types].xml twice", S() + [dict(name=CT, data=b"<Types/>")], False, "appears 2 times")

        if not args.quick:
            B = big_entries
            r.made("ZIP64: 4 GiB - 1 entry, entries and central directory past 4 GiB", B(), True)
            r.made("ZIP64: written for --stream, checked with --stream", B(), True, stream=True)
            r.made("ZIP64: written for --stream, checked without", B(), False,
                   "local version needed to extract 20, expected 45", stream=True, check_stream=False)
            r.made("ZIP64: seekable layout checked with --stream", B(), False,
                   "local version needed to extract 45, expected 20", check_stream=True)
            for label, bug, at, needle in [
                ("ZIP64: 4-byte descriptor sizes for a 4 GiB entry", "desc_wide", 1, "the descriptor has 4-byte sizes"),
                ("ZIP64: no ZIP64 extra field in the central directory", "cd_no_zip64", 1,
                 "is 0xFFFFFFFF but there is no ZIP64 extra field"),
                ("ZIP64: version needed 20 in the central directory", "cd_need", 2,
                 "version needed to extract 20, expected 45"),
                ("ZIP64: end records missing", "z64_omit", None, "ZIP64 end records missing"),
                ("ZIP64: EOCD without 0xFFFFFFFF markers", "eocd_no_markers", None, "EOCD central directory offset is"),
            ]:
                r.made(label, B(), False, needle, bugs={bug: at})
            D = big_deflated_entries
            r.made("ZIP64: deflate entry of 4 GiB (compressed 18 MB)", D(), True)
            r.made("ZIP64: extra field sizes in the wrong order", D(), False,
                   "central directory uncompressed size", bugs={"cd_zip64_order": 1})
            many = [dict(name=b"xl/workbook.xml", data=b"<workbook/>"), dict(name=CT, data=b"<Types/>")] + \
                [dict(name=b"e%05d" % i, data=b"", method=0) for i in range(2, 0xFFFF)]
            r.made("ZIP64: 65,535 entries", many, True)
            r.made("ZIP64: 65,535 entries without ZIP64 end records", many, False, "ZIP64 end records missing",
                   bugs={"z64_omit": None})
    finally:
        shutil.rmtree(tmp)
    print(f"{r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
