#!/usr/bin/python3
"""zipcheck.py FILE.xlsx [--stream] - structural check of the ZIP container of an .xlsx.

Written from the PKWARE .ZIP File Format Specification (APPNOTE.TXT 6.3.x); section
numbers below refer to it. It checks the layout a streaming writer must produce:

  - local file headers (4.3.7) follow each other from offset 0 with nothing in
    between; general purpose bit 3 is set (4.4.4) so CRC and both sizes are zero in
    the local header and follow in a data descriptor (4.3.9), except for stored
    media (xl/media/*, method 0), whose local header has the real CRC and sizes,
    bit 3 clear and no descriptor (streaming readers cannot find the end of
    stored data otherwise); DOS time 0 and date
    0x0021 (1980-01-01, 4.4.6); no ZIP64 extra field in the local header; method 0
    (stored) or 8 (deflate, 4.4.5); the first entry's name begins with "xl/" (what
    libmagic's msooxml rule looks at to say "Microsoft Excel 2007+": fastxlsx writes
    the worksheets first and "[Content_Types].xml" last), and "[Content_Types].xml"
    is there exactly once;
  - the data of each entry: deflate data is inflated to find where it ends, and its
    CRC-32 and uncompressed size are computed; the data descriptor that follows has
    its signature, the same CRC and sizes, and 8-byte sizes exactly when either size
    is >= 0xFFFFFFFF (4.3.9.2);
  - the central directory (4.3.12) repeats every local entry in the same order with
    the same name, method, flags, CRC, sizes and local header offset; a ZIP64
    extended information extra field (4.5.3) is present exactly when a field holds
    0xFFFFFFFF, and holds exactly those fields in the fixed order; "version needed
    to extract" (4.4.3) is 45 for an entry that uses ZIP64 and 20 otherwise, and the
    local header carries the same value (except with --stream: output that cannot
    be patched keeps 20 in the local header, written before the sizes are known);
  - with --zip64-worksheets (fast_workbook_set_zip64(wb, FAST_ZIP64_WORKSHEETS)):
    every worksheet entry (xl/worksheets/sheetN.xml) is in the ZIP64 form from its
    local header on, whatever its size: version needed 45 in the local header and
    the central directory, local sizes 0xFFFFFFFF with a ZIP64 extra field holding
    two zero sizes (4.5.3; the real ones follow, bit 3) and an 8-byte data
    descriptor; the central directory record follows the rules above (a ZIP64
    extra field only for what does not fit) but says 45; other entries are
    checked as above;
  - end records: the end of central directory record (4.3.16) ends the file, with
    no comment; the ZIP64 end of central directory record and locator (4.3.14,
    4.3.15) are present exactly when a count or offset does not fit the EOCD
    (4.4.1.4), and agree with the EOCD's 0xFFFF/0xFFFFFFFF markers and with where
    the central directory really is.

Memory stays bounded whatever the file size: entries are read in chunks and inflated
with zlib.decompressobj(-15) and a limit on each output piece.
Exit status: 0 and a one-line summary when every check passes, 1 with the failures.
"""
import argparse
import struct
import sys
import zlib

SIG_LOCAL, SIG_DESC, SIG_CENTRAL = 0x04034B50, 0x08074B50, 0x02014B50
SIG_Z64_EOCD, SIG_Z64_LOC, SIG_EOCD = 0x06064B50, 0x07064B50, 0x06054B50
U16, U32 = 0xFFFF, 0xFFFFFFFF
FLAG_DESCRIPTOR = 0x0008  # 4.4.4 bit 3
FLAG_ENCRYPTED = 0x0001  # 4.4.4 bit 0
ZIP64_EXTRA = 0x0001  # 4.5.2 header ID of the ZIP64 extended information field
DOS_TIME, DOS_DATE = 0, 0x0021
V_DEFAULT, V_ZIP64 = 20, 45  # 4.4.3.2: 2.0 deflate, 4.5 ZIP64
CHUNK = 1 << 20  # bytes read at a time
OUT_MAX = 1 << 20  # most bytes inflated at a time (deflate can expand ~1000x)
FIRST_PREFIX = b"xl/"
CONTENT_TYPES = b"[Content_Types].xml"


class Fatal(Exception):
    """A failure after which the rest of the file cannot be interpreted."""


class Checker:
    def __init__(self, path, stream, zip64_worksheets=False):
        self.path, self.stream = path, stream
        self.zip64_worksheets = zip64_worksheets
        self.f = open(path, "rb")
        self.f.seek(0, 2)
        self.size = self.f.tell()
        self.errors = []
        self.content_types = 0

    def fail(self, msg):
        self.errors.append(msg)

    def forced(self, name):
        """An entry that must be in the ZIP64 form whatever its size (--zip64-worksheets)."""
        return self.zip64_worksheets and name.startswith(b"xl/worksheets/sheet") and name.endswith(b".xml")

    def read_at(self, offset, n, what):
        self.f.seek(offset)
        b = self.f.read(n)
        if len(b) != n:
            raise Fatal(f"{what} at offset {offset}: file ends after {len(b)} of {n} bytes (truncated?)")
        return b

    # ---- end records (4.3.16, 4.3.15, 4.3.14) ---------------------------------
    def end_records(self):
        if self.size < 22:
            raise Fatal(f"file of {self.size} bytes is too short for an end of central directory record")
        eocd_at = self.size - 22
        eocd = self.read_at(eocd_at, 22, "EOCD")
        (sig, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, comment_len) = struct.unpack("<IHHHHIIH", eocd)
        if sig != SIG_EOCD:
            # Say whether an EOCD exists further back (comment or trailing bytes) or not at all.
            back = min(self.size, 22 + U16)
            tail = self.read_at(self.size - back, back, "end of file")
            k = tail.rfind(struct.pack("<I", SIG_EOCD))
            if 0 <= k and back - k < 22:
                raise Fatal(f"the file ends {back - k} bytes into the EOCD record at offset "
                            f"{self.size - back + k} (truncated)")
            if k >= 0 and struct.unpack_from("<H", tail, k + 20)[0] == back - k - 22:
                raise Fatal(f"the EOCD at offset {self.size - back + k} has a comment of {back - k - 22} "
                            f"bytes; expected none, the EOCD must end the file")
            if k >= 0:
                raise Fatal(f"the EOCD signature is at offset {self.size - back + k}, not at the last 22 bytes: "
                            f"{back - k - 22} bytes (a comment or trailing data) follow it")
            raise Fatal("no end of central directory record (signature 0x06054b50) at the end of the file")
        if comment_len:
            self.fail(f"EOCD: comment length {comment_len}, expected 0 (and no bytes after the EOCD)")
        if disk or cd_disk:
            self.fail(f"EOCD: disk numbers {disk}/{cd_disk}, expected 0/0 (single-disk archive)")
        if n_disk != n_total:
            self.fail(f"EOCD: {n_disk} entries on this disk but {n_total} in total")

        # ZIP64 locator: exactly 20 bytes before the EOCD when present (4.3.6).
        z64 = None
        if eocd_at >= 20:
            loc = self.read_at(eocd_at - 20, 20, "ZIP64 locator")
            lsig, ldisk, rec_at, ndisks = struct.unpack("<IIQI", loc)
            if lsig == SIG_Z64_LOC:
                if ldisk != 0 or ndisks != 1:
                    self.fail(f"ZIP64 locator: disk {ldisk} and {ndisks} disks, expected 0 and 1")
                if rec_at + 56 != eocd_at - 20:
                    self.fail(f"ZIP64 locator points at offset {rec_at}, but a 56-byte ZIP64 EOCD record "
                              f"just before the locator starts at {eocd_at - 20 - 56}")
                rec = self.read_at(rec_at, 56, "ZIP64 EOCD record")
                (rsig, rsize, made, need, rdisk, rcd_disk, rn_disk, rn_total, rcd_size, rcd_offset) = \
                    struct.unpack("<IQHHIIQQQQ", rec)
                if rsig != SIG_Z64_EOCD:
                    raise Fatal(f"ZIP64 EOCD record at offset {rec_at}: bad signature 0x{rsig:08x}")
                if rsize != 44:
                    self.fail(f"ZIP64 EOCD record: size field {rsize}, expected 44 (no extensible data)")
                if need != V_ZIP64:
                    self.fail(f"ZIP64 EOCD record: version needed {need}, expected {V_ZIP64}")
                if rdisk or rcd_disk or rn_disk != rn_total:
                    self.fail(f"ZIP64 EOCD record: disks {rdisk}/{rcd_disk}, entries {rn_disk}/{rn_total}")
                z64 = (rec_at, rn_total, rcd_size, rcd_offset)

        if z64:
            rec_at, n, cd_size64, cd_offset64 = z64
            # 4.4.1.4: an EOCD field holds 0xFFFF / 0xFFFFFFFF exactly when the value does not fit.
            for name, small, big, marker in (("entry count", n_total, n, U16), ("entry count on disk", n_disk, n, U16),
                                             ("central directory size", cd_size, cd_size64, U32),
                                             ("central directory offset", cd_offset, cd_offset64, U32)):
                want = marker if big >= marker else big
                if small != want:
                    self.fail(f"EOCD {name} is 0x{small:x}, but the ZIP64 record says {big}: expected 0x{want:x}")
            n, cd_size, cd_offset, cd_end = n, cd_size64, cd_offset64, rec_at
        else:
            if U16 in (n_total, n_disk) or U32 in (cd_size, cd_offset):
                self.fail("EOCD holds a 0xFFFF/0xFFFFFFFF marker but there is no ZIP64 end of central "
                          "directory locator just before it")
            n, cd_end = n_total, eocd_at
        needed = n >= U16 or cd_size >= U32 or cd_offset >= U32
        if needed and not z64:
            self.fail(f"ZIP64 end records missing although needed ({n} entries, central directory "
                      f"size {cd_size}, offset {cd_offset})")
        if z64 and not needed:
            self.fail(f"ZIP64 end records present although not needed ({n} entries, central directory "
                      f"size {cd_size}, offset {cd_offset})")
        if cd_offset + cd_size != cd_end:
            raise Fatal(f"central directory offset {cd_offset} + size {cd_size} = {cd_offset + cd_size}, "
                        f"but the {'ZIP64 EOCD record' if z64 else 'EOCD'} starts at {cd_end}")
        self.zip64_end = bool(z64)
        return n, cd_offset, cd_size

    # ---- central directory (4.3.12, 4.5.3) -------------------------------------
    def central_directory(self, n, cd_offset, cd_size):
        records, pos, end = [], cd_offset, cd_offset + cd_size
        while pos < end:
            h = self.read_at(pos, 46, "central directory header")
            (sig, made, need, flags, method, time, date, crc, csize, usize, nlen, xlen, clen,
             disk, iattr, eattr, offset) = struct.unpack("<IHHHHHHIIIHHHHHII", h)
            i = len(records)
            if sig != SIG_CENTRAL:
                raise Fatal(f"central directory record {i} at offset {pos}: bad signature 0x{sig:08x}")
            name = self.read_at(pos + 46, nlen, "central directory file name")
            extra = self.read_at(pos + 46 + nlen, xlen, "central directory extra field")
            where = f"central directory record {i} ({name!r})"
            if clen:
                self.fail(f"{where}: file comment of {clen} bytes")
            if disk:
                self.fail(f"{where}: disk number start {disk}, expected 0")
            fields = parse_extra(extra, where, self)
            z = fields.get(ZIP64_EXTRA)
            # Marked fields are replaced by 8-byte values, in this order (4.5.3).
            marked = [(label, v) for label, v in (("uncompressed size", usize), ("compressed size", csize),
                                                   ("local header offset", offset)) if v == U32]
            if marked and z is None:
                self.fail(f"{where}: {', '.join(m[0] for m in marked)} is 0xFFFFFFFF but there is no ZIP64 extra field")
            elif z is not None and not marked:
                self.fail(f"{where}: ZIP64 extra field present but no field is 0xFFFFFFFF")
            elif z is not None and len(z) != 8 * len(marked):
                self.fail(f"{where}: ZIP64 extra field has {len(z)} bytes; expected {8 * len(marked)} for "
                          f"{', '.join(m[0] for m in marked)}")
            real = {"uncompressed size": usize, "compressed size": csize, "local header offset": offset}
            if z is not None and len(z) == 8 * len(marked):
                for k, (label, _) in enumerate(marked):
                    real[label] = struct.unpack_from("<Q", z, 8 * k)[0]
            records.append(dict(index=i, name=name, made=made, need=need, flags=flags, method=method,
                                time=time, date=date, crc=crc, usize=real["uncompressed size"],
                                csize=real["compressed size"], offset=real["local header offset"],
                                marked={m[0] for m in marked}, zip64=z is not None, where=where))
            pos += 46 + nlen + xlen + clen
        if pos != end:
            self.fail(f"central directory records end at {pos}, not at {end} (offset + size from the end records)")
        if len(records) != n:
            self.fail(f"central directory holds {len(records)} records but the end records say {n}")
        for r in records:
            self.check_zip64_need(r)
        return records

    def check_zip64_need(self, r):
        """A field is 0xFFFFFFFF exactly when its value does not fit (4.4.8, 4.4.9, 4.4.16). Both
        sizes may be marked when one of them is too big: they travel as a pair, as in the
        data descriptor (4.3.9.2)."""
        big_sizes = r["usize"] >= U32 or r["csize"] >= U32
        for label, key in (("uncompressed size", "usize"), ("compressed size", "csize")):
            if r[key] >= U32 and label not in r["marked"]:
                self.fail(f"{r['where']}: {label} {r[key]} does not fit in 32 bits but is not in a ZIP64 extra field")
            if label in r["marked"] and not big_sizes:
                self.fail(f"{r['where']}: {label} marked 0xFFFFFFFF although both sizes fit in 32 bits")
        if r["offset"] >= U32 and "local header offset" not in r["marked"]:
            self.fail(f"{r['where']}: local header offset {r['offset']} does not fit in 32 bits but is not in a ZIP64 extra field")
        if "local header offset" in r["marked"] and r["offset"] < U32:
            self.fail(f"{r['where']}: local header offset marked 0xFFFFFFFF although {r['offset']} fits in 32 bits")
        want = V_ZIP64 if r["zip64"] or self.forced(r["name"]) else V_DEFAULT
        if r["need"] != want:
            self.fail(f"{r['where']}: version needed to extract {r['need']}, expected {want} "
                      f"({'ZIP64' if r['zip64'] else '--zip64-worksheets' if want == V_ZIP64 else 'no ZIP64'})")

    # ---- local entries (4.3.7, 4.3.8, 4.3.9) -----------------------------------
    def local_entries(self, records, cd_offset):
        pos, i = 0, 0
        while pos < cd_offset:
            if i >= len(records):
                raise Fatal(f"local entry {i} at offset {pos} has no central directory record "
                            f"(central directory starts at {cd_offset})")
            pos = self.local_entry(i, pos, records[i])
            i += 1
        if pos != cd_offset:
            raise Fatal(f"the last entry ends at offset {pos}, past the central directory at {cd_offset}")
        if i != len(records):
            self.fail(f"{len(records)} central directory records but {i} local entries")
        return i

    def local_entry(self, i, pos, cd):
        h = self.read_at(pos, 30, f"local header {i}")
        (sig, need, flags, method, time, date, crc, csize, usize, nlen, xlen) = struct.unpack("<IHHHHHIIIHH", h)
        if sig != SIG_LOCAL:
            raise Fatal(f"offset {pos}: expected local file header {i} (signature 0x04034b50), found 0x{sig:08x}")
        name = self.read_at(pos + 30, nlen, "local file name")
        extra = self.read_at(pos + 30 + nlen, xlen, "local extra field")
        where = f"entry {i} ({name!r}) at offset {pos}"
        if i == 0 and not name.startswith(FIRST_PREFIX):
            self.fail(f"{where}: the first entry must be a part under {FIRST_PREFIX!r} (file(1) looks there)")
        if name == CONTENT_TYPES:
            self.content_types += 1
        sized = name.startswith(b"xl/media/") and method == 0
        if sized and flags & FLAG_DESCRIPTOR:
            self.fail(f"{where}: stored media with flag bit 3 (data descriptor): streaming readers cannot read it")
        if not sized and not flags & FLAG_DESCRIPTOR:
            self.fail(f"{where}: general purpose flag bit 3 (data descriptor) not set (flags 0x{flags:04x})")
        if flags & FLAG_ENCRYPTED:
            raise Fatal(f"{where}: encrypted (flag bit 0)")
        forced = self.forced(name)
        if forced:
            # ZIP64 from the start: sizes marked, the extra field holds zeros (4.5.3).
            z = parse_extra(extra, where + " local extra", self).get(ZIP64_EXTRA)
            if csize != U32 or usize != U32 or crc:
                self.fail(f"{where}: --zip64-worksheets: local CRC/sizes must be 0/0xFFFFFFFF/0xFFFFFFFF, got "
                          f"crc 0x{crc:08x}, compressed 0x{csize:x}, uncompressed 0x{usize:x}")
            if z != bytes(16):
                self.fail(f"{where}: --zip64-worksheets: local ZIP64 extra field must hold two zero sizes, got {z!r}")
        elif sized:
            if (crc, csize, usize) != (cd["crc"], cd["csize"], cd["usize"]) or csize != usize:
                self.fail(f"{where}: stored media: local CRC/sizes 0x{crc:08x}/{csize}/{usize} differ from the "
                          f"central directory's")
        elif crc or csize or usize:
            self.fail(f"{where}: local header CRC/sizes must be 0 with a data descriptor, got "
                      f"crc 0x{crc:08x}, compressed {csize}, uncompressed {usize}")
        if time != DOS_TIME or date != DOS_DATE:
            self.fail(f"{where}: DOS time/date 0x{time:04x}/0x{date:04x}, expected 0x0000/0x0021 (1980-01-01 00:00)")
        if not forced and ZIP64_EXTRA in parse_extra(extra, where + " local extra", self):
            self.fail(f"{where}: ZIP64 extra field in the local header (sizes go in the data descriptor)")
        if method not in (0, 8):
            raise Fatal(f"{where}: compression method {method}, expected 8 (deflate) or 0 (stored)")

        # The central directory describes the same entry, in the same order.
        if cd["offset"] != pos:
            self.fail(f"{where}: central directory record {i} gives local header offset {cd['offset']}")
        for label, lv, cv in (("name", name, cd["name"]), ("method", method, cd["method"]),
                              ("flags", flags, cd["flags"]), ("DOS time", time, cd["time"]),
                              ("DOS date", date, cd["date"])):
            if lv != cv:
                self.fail(f"{where}: {label} {lv!r} in the local header but {cv!r} in the central directory")
        want_need = V_ZIP64 if forced else V_DEFAULT if self.stream else cd["need"]
        if need != want_need:
            why = "--stream: the local header is written before sizes are known" if self.stream \
                else "must equal the central directory's"
            self.fail(f"{where}: local version needed to extract {need}, expected {want_need} ({why})")

        data_at = pos + 30 + nlen + xlen
        if method == 8:
            crc, csize, usize = self.inflate(data_at, where)
        else:
            crc, csize = self.crc_stored(data_at, cd["csize"], where)
            usize = csize
        desc_at = data_at + csize
        next_at = desc_at if sized else self.descriptor(desc_at, crc, csize, usize, where, forced)
        for label, got, key in (("CRC-32", crc, "crc"), ("compressed size", csize, "csize"),
                                ("uncompressed size", usize, "usize")):
            if cd[key] != got:
                self.fail(f"{where}: central directory {label} {cd[key]} but the data gives {got}")
        return next_at

    def inflate(self, at, where):
        """Inflate raw deflate data (RFC 1951) from @at until its final block ends."""
        self.f.seek(at)
        d = zlib.decompressobj(-15)
        crc = usize = consumed = 0
        pending = b""
        try:
            while not d.eof:
                if not pending:
                    pending = self.f.read(CHUNK)
                    if not pending:
                        raise Fatal(f"{where}: the file ends inside the deflate data (truncated)")
                    consumed += len(pending)
                out = d.decompress(pending, OUT_MAX)
                pending = d.unconsumed_tail
                crc = zlib.crc32(out, crc)
                usize += len(out)
        except zlib.error as e:
            raise Fatal(f"{where}: invalid deflate data: {e}")
        # At the end of the stream every byte read but not used (including what was
        # still in unconsumed_tail) is in unused_data.
        return crc, consumed - len(d.unused_data), usize

    def crc_stored(self, at, n, where):
        self.f.seek(at)
        crc, left = 0, n
        buf = memoryview(bytearray(min(n, 4 * CHUNK) or 1))
        while left:
            got = self.f.readinto(buf[:min(len(buf), left)])
            if not got:
                raise Fatal(f"{where}: the file ends inside the stored data (truncated)")
            crc = zlib.crc32(buf[:got], crc)
            left -= got
        return crc, n

    def descriptor(self, at, crc, csize, usize, where, forced=False):
        """Data descriptor (4.3.9): signature, CRC-32, sizes of 8 bytes each iff either
        does not fit in 4 (4.3.9.2) or the entry has a local ZIP64 extra field.
        Returns the offset right after it."""
        wide = csize >= U32 or usize >= U32 or forced
        n = 24 if wide else 16
        b = self.read_at(at, n, f"{where}: data descriptor")
        sig, dcrc = struct.unpack_from("<II", b)
        if sig != SIG_DESC:
            raise Fatal(f"{where}: no data descriptor signature 0x08074b50 at offset {at} "
                        f"(found 0x{sig:08x}; the data computed ends there)")
        if dcrc != crc:
            self.fail(f"{where}: data descriptor CRC-32 0x{dcrc:08x}, computed 0x{crc:08x}")
        sizes = struct.unpack_from("<QQ" if wide else "<II", b, 8)
        if sizes != (csize, usize):
            # Name the likely cause when the other width would have matched.
            self.f.seek(at + 8)
            rest = self.f.read(16)
            other = struct.unpack_from("<II", rest) if wide else \
                (struct.unpack_from("<QQ", rest) if len(rest) == 16 else None)
            hint = ""
            if other == ((csize & U32, usize & U32) if wide else (csize, usize)):
                hint = f" (the descriptor has {4 if wide else 8}-byte sizes)"
            self.fail(f"{where}: data descriptor sizes compressed {sizes[0]}, uncompressed {sizes[1]} read as "
                      f"{8 if wide else 4}-byte fields; computed {csize}, {usize}{hint}")
        return at + n

    def run(self):
        try:
            n, cd_offset, cd_size = self.end_records()
            records = self.central_directory(n, cd_offset, cd_size)
            self.local_entries(records, cd_offset)
            if self.content_types != 1:
                self.fail(f"{CONTENT_TYPES!r} appears {self.content_types} times; expected once")
        except Fatal as e:
            self.fail(str(e))
            records = []
        return records


def parse_extra(extra, where, checker):
    """Extra field (4.5.1): a sequence of header ID, data size, data. Returns {id: data}."""
    fields, k = {}, 0
    while k + 4 <= len(extra):
        hid, size = struct.unpack_from("<HH", extra, k)
        if k + 4 + size > len(extra):
            break
        if hid in fields:
            checker.fail(f"{where}: extra field 0x{hid:04x} appears twice")
        fields[hid] = extra[k + 4:k + 4 + size]
        k += 4 + size
    if k != len(extra):
        checker.fail(f"{where}: malformed extra field ({len(extra) - k} stray bytes)")
    return fields


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--stream", action="store_true",
                    help="output was not seekable: local headers keep version needed 20")
    ap.add_argument("--zip64-worksheets", action="store_true",
                    help="worksheet entries are in the ZIP64 form from the local header on")
    args = ap.parse_args()
    c = Checker(args.file, args.stream, args.zip64_worksheets)
    records = c.run()
    if c.errors:
        for e in c.errors[:50]:
            print(f"zipcheck: {args.file}: {e}", file=sys.stderr)
        if len(c.errors) > 50:
            print(f"zipcheck: ... {len(c.errors) - 50} more", file=sys.stderr)
        print(f"zipcheck: FAIL {args.file}: {len(c.errors)} problem(s)")
        return 1
    zip64 = c.zip64_end or any(r["zip64"] or r["need"] == V_ZIP64 for r in records)
    print(f"zipcheck: OK {args.file}: {len(records)} entries, zip64 {'yes' if zip64 else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
