#!/usr/bin/env python3
"""Check the images of a workbook as openpyxl reads them against what the
writer says it placed (tests/e2e/write_images.c writes both):

    images.py openpyxl BOOK.xlsx EXPECTED.json
    images.py pdf BOOK.pdf
    images.py compare EXPECTED.json READER=DUMP.json...

compare: the dumps of Apache POI (PoiImages.java) and ExcelJS (images_exceljs.js),
lists of {sheet, row, col, x_off, y_off, cx, cy, type, descr, url}; a field a reader
does not read is "n/a" and not compared; "jpg" is "jpeg".

pdf: LibreOffice's PDF export of the same workbook, first page rendered by
pdftoppm at 96 dpi: the solid red and black images must be drawn at their
size in pixels (LibreOffice prints at 100%), a few pixels of tolerance.

For each sheet, the images in the order placed: the anchor's cell and offsets
(oneCellAnchor from), its extent in EMU, and the image's format as Pillow reads
the media part (so the bytes are a whole, decodable image of that type). The
package holds each distinct image once, stored (ZIP method 0).
"""
import collections
import hashlib
import json
import sys
import zipfile

import openpyxl


def check_openpyxl(book, expected):
    wb = openpyxl.load_workbook(book)
    by_sheet = collections.defaultdict(list)
    for e in expected:
        by_sheet[e["sheet"]].append(e)
    errors = []
    for name, want in by_sheet.items():
        got = wb[name]._images
        if len(got) != len(want):
            errors.append(f"{name}: {len(got)} images, want {len(want)}")
            continue
        for i, (img, e) in enumerate(zip(got, want)):
            a = img.anchor
            where = f"{name} image {i + 1} ({e['file']})"
            if type(a).__name__ != "OneCellAnchor":
                errors.append(f"{where}: anchor {type(a).__name__}")
                continue
            f = a._from
            pos = (f.row, f.col, f.colOff, f.rowOff, a.ext.width, a.ext.height)
            exp = (e["row"], e["col"], e.get("x_off", 0), e.get("y_off", 0), e["cx"], e["cy"])
            if pos != exp:
                errors.append(f"{where}: row, col, colOff, rowOff, cx, cy {pos}, want {exp}")
            if img.format.lower() != e["type"]:
                errors.append(f"{where}: format {img.format}, want {e['type']}")
    z = zipfile.ZipFile(book)
    media = [i for i in z.infolist() if i.filename.startswith("xl/media/")]
    digests = [hashlib.sha256(z.read(i)).hexdigest() for i in media]
    if len(set(digests)) != len(digests):
        errors.append("the same image is stored more than once")
    if len(media) != len({e["file"] for e in expected}):
        errors.append(f"{len(media)} media parts, want {len({e['file'] for e in expected})}")
    for i in media:
        if i.compress_type != zipfile.ZIP_STORED:
            errors.append(f"{i.filename}: compressed (method {i.compress_type}), want stored")
    return errors


def blobs(img, match):
    """Bounding boxes (w, h) of the 4-connected regions of pixels where match(rgb)."""
    w, h = img.size
    px = img.load()
    seen = set()
    out = []
    for y in range(h):
        for x in range(w):
            if (x, y) in seen or not match(px[x, y]):
                continue
            stack, x0, y0, x1, y1 = [(x, y)], x, y, x, y
            seen.add((x, y))
            while stack:
                cx, cy = stack.pop()
                x0, y0, x1, y1 = min(x0, cx), min(y0, cy), max(x1, cx), max(y1, cy)
                for nx, ny in ((cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)):
                    if 0 <= nx < w and 0 <= ny < h and (nx, ny) not in seen and match(px[nx, ny]):
                        seen.add((nx, ny))
                        stack.append((nx, ny))
            out.append((x1 - x0 + 1, y1 - y0 + 1))
    return out


def check_pdf(pdf):
    import subprocess
    import io
    from PIL import Image
    ppm = subprocess.run(["pdftoppm", "-r", "96", "-f", "1", "-l", "1", pdf], check=True,
                         stdout=subprocess.PIPE).stdout
    img = Image.open(io.BytesIO(ppm)).convert("RGB")
    red = sorted(blobs(img, lambda p: p[0] > 200 and p[1] < 60 and p[2] < 60), reverse=True)
    black = sorted(blobs(img, lambda p: max(p) < 40), reverse=True)
    black = [b for b in black if b[0] > 30 and b[1] > 30]  # text glyphs are smaller
    want_red = [(32, 32)] * 7 + [(20, 12)]
    want_black = [(171, 85), (120, 40)]
    errors = []
    for name, got, want in (("red", red, want_red), ("black", black, want_black)):
        if len(got) != len(want) or any(abs(g[0] - e[0]) > 3 or abs(g[1] - e[1]) > 3 for g, e in zip(got, want)):
            errors.append(f"{name} images drawn {got}, want {want} (pixels at 96 dpi)")
    return errors


def compare(expected, dumps):
    errors = []
    for spec in dumps:
        reader, path = spec.split("=", 1)
        got = json.load(open(path))
        if len(got) != len(expected):
            errors.append(f"{reader}: {len(got)} images, want {len(expected)}")
            continue
        for i, (g, e) in enumerate(zip(got, expected)):
            for k in ("sheet", "row", "col", "x_off", "y_off", "cx", "cy", "type", "descr", "url"):
                want = e.get(k, 0 if k in ("x_off", "y_off") else None)
                have = g.get(k)
                if have == "n/a":
                    continue
                if k == "type" and have == "jpg":
                    have = "jpeg"
                if have != want:
                    errors.append(f"{reader}: image {i + 1} ({e['file']}): {k} {have!r}, want {want!r}")
        if not any(x.startswith(reader + ":") for x in errors):
            print(f"{reader}: {len(got)} images as placed")
    return errors


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "compare":
        errors = compare(json.load(open(sys.argv[2])), sys.argv[3:])
        for e in errors:
            print("FAIL", e)
        sys.exit(1 if errors else 0)
    if len(sys.argv) == 3 and sys.argv[1] == "pdf":
        errors = check_pdf(sys.argv[2])
        for e in errors:
            print(e)
        if errors:
            sys.exit(1)
        print("pdf: every image drawn at its size")
        return
    if len(sys.argv) != 4 or sys.argv[1] != "openpyxl":
        sys.exit(__doc__)
    expected = json.load(open(sys.argv[3]))
    errors = check_openpyxl(sys.argv[2], expected)
    for e in errors:
        print(e)
    if errors:
        sys.exit(1)
    print(f"openpyxl: {len(expected)} images as placed")


if __name__ == "__main__":
    main()
