#!/usr/bin/env python3
"""Draws Propel's kernelspec logos: a three-bladed propeller on a rounded blue square.

Writes logo-svg.svg and, rasterised from the same geometry with 4x4 supersampling,
logo-32x32.png and logo-64x64.png (standard library only). Run it after changing the design;
the Swift installer embeds these files (Sources/propel/KernelspecLogos.swift, checked by a test).
"""
import base64, math, struct, zlib, pathlib

HERE = pathlib.Path(__file__).parent
BACKGROUND = (0x1F, 0x4E, 0x8C)
BLADE = (0xF2, 0xB6, 0x32)
HUB = (0xFF, 0xFF, 0xFF)
# Geometry on a 64-unit canvas.
CORNER = 12
BLADES = [(90 + 120 * k) for k in range(3)]
BLADE_LENGTH, BLADE_WIDTH, HUB_RADIUS = 22, 7.5, 6


def blade_contains(x, y, angle):
    a = math.radians(angle)
    # Blade: an ellipse whose centre sits half a blade out from the hub, along `angle`.
    cx, cy = 32 + math.cos(a) * BLADE_LENGTH / 2 + 1, 32 - math.sin(a) * BLADE_LENGTH / 2 - 1
    dx, dy = x - cx, y - cy
    u = dx * math.cos(a) - dy * math.sin(a)
    v = dx * math.sin(a) + dy * math.cos(a)
    return (u / (BLADE_LENGTH / 2 + 2)) ** 2 + (v / (BLADE_WIDTH / 2)) ** 2 <= 1


def in_rounded_square(x, y):
    qx, qy = max(CORNER - x, x - (64 - CORNER), 0), max(CORNER - y, y - (64 - CORNER), 0)
    return qx * qx + qy * qy <= CORNER * CORNER


def colour(x, y):
    if not in_rounded_square(x, y):
        return None
    if (x - 32) ** 2 + (y - 32) ** 2 <= HUB_RADIUS ** 2:
        return HUB
    if any(blade_contains(x, y, a) for a in BLADES):
        return BLADE
    return BACKGROUND


def png(size):
    rows = []
    scale, samples = 64 / size, 4
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            r = g = b = a = 0
            for sy in range(samples):
                for sx in range(samples):
                    c = colour((px + (sx + 0.5) / samples) * scale, (py + (sy + 0.5) / samples) * scale)
                    if c:
                        r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
            n = samples * samples
            row += bytes([r // a, g // a, b // a, 255 * a // n]) if a else bytes(4)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


def svg():
    hexc = lambda c: "#%02x%02x%02x" % c
    blades = "".join(
        f'<ellipse cx="{32 + BLADE_LENGTH / 2 + 1}" cy="31" rx="{BLADE_LENGTH / 2 + 2}" ry="{BLADE_WIDTH / 2}" '
        f'transform="rotate({-a} 32 32)" fill="{hexc(BLADE)}"/>'
        for a in BLADES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
            f'<title>Propel</title>'
            f'<rect width="64" height="64" rx="{CORNER}" fill="{hexc(BACKGROUND)}"/>{blades}'
            f'<circle cx="32" cy="32" r="{HUB_RADIUS}" fill="{hexc(HUB)}"/></svg>\n')


if __name__ == "__main__":
    (HERE / "logo-32x32.png").write_bytes(png(32))
    (HERE / "logo-64x64.png").write_bytes(png(64))
    (HERE / "logo-svg.svg").write_text(svg())
