"""Small but valid files made in code: a PDF (with a correct xref table), a PNG
and a baseline JPEG, as a requester's phone would upload them."""

import struct
import zlib


def pdf(text="Surat Permohonan", padding=0):
    """A one-page PDF showing `text`; `padding` bytes of comment lines make it larger."""
    content = ("BT /F1 18 Tf 72 720 Td (%s) Tj ET" % text.replace("(", "").replace(")", "")).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    if padding:
        line = b"% " + b"x" * 76 + b"\n"
        out += line * (padding // len(line) + 1)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width=2, height=2, rgb=(200, 30, 30)):
    """An RGB PNG of one colour."""
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(row * height))
            + _png_chunk(b"IEND", b""))


def jpeg():
    """A baseline JPEG of one 8x8 grey block: every coefficient zero, so the scan is a
    DC difference of category 0 and an end-of-block, with one-code Huffman tables."""
    def segment(marker, payload):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload

    jfif = segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    quant = segment(0xDB, b"\x00" + bytes([1] * 64))
    frame = segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")  # 8 bits, 8x8, one component, 1x1, table 0
    one_code = bytes([1] + [0] * 15)  # one code of length 1
    dc = segment(0xC4, b"\x00" + one_code + b"\x00")  # DC table 0: symbol 0 (category 0)
    ac = segment(0xC4, b"\x10" + one_code + b"\x00")  # AC table 0: symbol 0x00 (end of block)
    scan = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    data = bytes([0b00111111])  # DC '0', EOB '0', padded with ones
    return b"\xff\xd8" + jfif + quant + frame + dc + ac + scan + data + b"\xff\xd9"
