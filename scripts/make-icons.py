#!/usr/bin/env python3
"""Draws Localpost's app icon and writes the PNG sizes Tauri needs into icons/.

Only the standard library (zlib, struct): the icon is geometry, not artwork, so anyone can
regenerate it byte for byte with `python3 scripts/make-icons.py`. The glyph is a white paper
plane on a rounded indigo square. Every PNG is 8-bit RGBA (colour type 6); Tauri refuses RGB.
Edges are anti-aliased by supersampling each pixel on a 4x4 grid.
"""

import os
import struct
import zlib

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "icons")
SIZES = {"32x32.png": 32, "128x128.png": 128, "128x128@2x.png": 256, "icon.png": 512}
SAMPLES = 4  # per axis

# Colours as (r, g, b).
TOP = (99, 102, 241)  # indigo 500
BOTTOM = (67, 56, 202)  # indigo 700
WHITE = (255, 255, 255)
FOLD = (199, 210, 254)  # indigo 200: the plane's shaded far wing
KEEL_COLOUR = (165, 180, 252)  # indigo 300: the flap under the crease

# Geometry in unit coordinates (0..1, y down).
MARGIN = 0.04  # transparent border around the square
RADIUS = 0.22  # corner radius of the square
PLANE = [(0.18, 0.50), (0.82, 0.20), (0.56, 0.82)]  # tail, nose, belly
FOLD_TRI = [(0.82, 0.20), (0.44, 0.58), (0.56, 0.82)]  # nose, crease end, belly
KEEL = [(0.45, 0.59), (0.41, 0.75), (0.515, 0.665)]  # the flap hanging below the crease


def in_rounded_square(x, y):
    lo, hi = MARGIN, 1.0 - MARGIN
    if not (lo <= x <= hi and lo <= y <= hi):
        return False
    cx = min(max(x, lo + RADIUS), hi - RADIUS)
    cy = min(max(y, lo + RADIUS), hi - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def in_triangle(x, y, tri):
    (ax, ay), (bx, by), (cx, cy) = tri

    def side(px, py, qx, qy):
        return (x - qx) * (py - qy) - (px - qx) * (y - qy)

    d1 = side(ax, ay, bx, by)
    d2 = side(bx, by, cx, cy)
    d3 = side(cx, cy, ax, ay)
    has_neg = d1 < 0 or d2 < 0 or d3 < 0
    has_pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (has_neg and has_pos)


def shade(x, y):
    """Colour and coverage (0 or 1) of one sample point."""
    if not in_rounded_square(x, y):
        return (0, 0, 0), 0.0
    if in_triangle(x, y, KEEL):
        return KEEL_COLOUR, 1.0
    if in_triangle(x, y, FOLD_TRI):
        return FOLD, 1.0
    if in_triangle(x, y, PLANE):
        return WHITE, 1.0
    t = (y - MARGIN) / (1.0 - 2 * MARGIN)
    return tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM)), 1.0


def render(size):
    rows = []
    n = SAMPLES * SAMPLES
    for py in range(size):
        row = bytearray([0])  # filter type: none
        for px in range(size):
            r = g = b = a = 0.0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) / size
                    y = (py + (sy + 0.5) / SAMPLES) / size
                    (cr, cg, cb), cov = shade(x, y)
                    r += cr * cov
                    g += cg * cov
                    b += cb * cov
                    a += cov
            if a:
                row += bytes((round(r / a), round(g / a), round(b / a), round(255 * a / n)))
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 9))
        + chunk(b"IEND", b"")
    )


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, size in SIZES.items():
        path = os.path.join(OUT_DIR, name)
        with open(path, "wb") as f:
            f.write(png(size, render(size)))
        print(f"wrote {os.path.normpath(path)} ({size}x{size} RGBA)")


if __name__ == "__main__":
    main()
