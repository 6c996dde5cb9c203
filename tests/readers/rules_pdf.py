#!/usr/bin/python3
"""Check LibreOffice's PDF export of the colour-scale workbook (write_rules SCALE.xlsx):
the cells A1:A10 (1..10 under a two-colour scale from FF0000 to 0000FF) must be painted,
pure red at the top (the lowest value), pure blue at the bottom (the highest), and
colours between them in order down the column. The page is rendered with pdftoppm and
its pixels read from the PPM. Usage: rules_pdf.py SCALE.pdf
"""
import subprocess, sys

ppm = subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", sys.argv[1]], check=True,
                     stdout=subprocess.PIPE).stdout
# P6 WIDTH HEIGHT 255, then RGB bytes
fields, pos = [], 0
while len(fields) < 4:
    while ppm[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not ppm[end:end + 1].isspace():
        end += 1
    fields.append(ppm[pos:end])
    pos = end
pos += 1
assert fields[0] == b"P6" and fields[3] == b"255", fields
w, h = int(fields[1]), int(fields[2])
px = ppm[pos:]


def rgb(x, y):
    i = 3 * (y * w + x)
    return px[i], px[i + 1], px[i + 2]


# Per pixel row: the mean colour of the saturated (not white, not grey) pixels.
rows = []
for y in range(h):
    reds = [rgb(x, y) for x in range(w)]
    coloured = [(r, g, b) for r, g, b in reds if max(r, b) > 150 and g < 60]
    if len(coloured) > w // 10:
        rows.append((y, sum(c[0] for c in coloured) / len(coloured), sum(c[2] for c in coloured) / len(coloured)))
problems = []
if len(rows) < 40:
    problems.append(f"only {len(rows)} pixel rows painted with the scale's colours")
else:
    top, bottom = rows[0], rows[-1]
    if not (top[1] > 230 and top[2] < 30):
        problems.append(f"top row colour r={top[1]:.0f} b={top[2]:.0f}, expected pure red")
    if not (bottom[2] > 230 and bottom[1] < 30):
        problems.append(f"bottom row colour r={bottom[1]:.0f} b={bottom[2]:.0f}, expected pure blue")
    # red falls and blue rises down the column (allowing the cells' text and grid lines)
    falls = sum(1 for a, b in zip(rows, rows[1:]) if b[1] > a[1] + 8)
    if falls > len(rows) // 10:
        problems.append(f"red rises {falls} times down the column")
    mids = [r for r in rows if 60 < r[1] < 200 and 60 < r[2] < 200]
    if not mids:
        problems.append("no colour between red and blue")
for p in problems:
    print("FAIL:", p)
print(f"colour scale in LibreOffice's PDF: {len(rows)} painted pixel rows, {'ok' if not problems else 'FAIL'}")
sys.exit(1 if problems else 0)
