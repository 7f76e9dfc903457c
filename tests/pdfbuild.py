"""Build small raw PDFs by hand for hostile-input tests (offsets and xref computed here)."""

from __future__ import annotations

import zlib


def build_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Given object bodies (object i+1 is objects[i]), return a PDF with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R {trailer_extra.decode()} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def page_pdf(content: bytes, *, resources: bytes = b"<< >>", compress: bool = False) -> bytes:
    """Given a content stream (and resources), return a one-page PDF."""
    if compress:
        stream = zlib.compress(content, 9)
        head = f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode()
    else:
        stream = content
        head = f"<< /Length {len(stream)} >>".encode()
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
            + resources
            + b" >>",
            head + b"\nstream\n" + stream + b"\nendstream",
        ]
    )


def flate_bomb(inflated_mb: int) -> bytes:
    """A page whose content stream inflates to `inflated_mb` MB of spaces (a few hundred KB packed)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    head = f"<< /Length {len(packed)} /Filter /FlateDecode >>".encode()
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            head + b"\nstream\n" + packed + b"\nendstream",
        ]
    )


def huge_image() -> bytes:
    """A page drawing a 200000 x 200000 pixel image whose data is a tiny flate bomb."""
    comp = zlib.compressobj(9)
    packed = b"".join(comp.compress(b"\0" * (1 << 20)) for _ in range(8)) + comp.flush()
    image = (
        f"<< /Type /XObject /Subtype /Image /Width 200000 /Height 200000 /ColorSpace /DeviceRGB "
        f"/BitsPerComponent 8 /Length {len(packed)} /Filter /FlateDecode >>"
    ).encode()
    content = b"q 500 0 0 700 40 60 cm /Im0 Do Q"
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>".encode() + b"\nstream\n" + content + b"\nendstream",
            image + b"\nstream\n" + packed + b"\nendstream",
        ]
    )


def deep_nesting(depth: int) -> bytes:
    """A page whose resources hold an array nested `depth` levels deep."""
    nested = b"[" * depth + b"]" * depth
    return page_pdf(b"BT ET", resources=b"<< /Deep " + nested + b" >>")


def self_referencing_form() -> bytes:
    """A page drawing a Form XObject that draws itself (an infinite recursion if followed)."""
    content = b"/F0 Do"
    form_content = b"/F0 Do"
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /F0 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>".encode() + b"\nstream\n" + content + b"\nendstream",
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /F0 5 0 R >> >> "
            f"/Length {len(form_content)} >>".encode()
            + b"\nstream\n"
            + form_content
            + b"\nendstream",
        ]
    )


def text_pdf(lines: list[str]) -> bytes:
    """A page of Latin text lines in Helvetica (for a readable PDF that is not a form)."""
    ops = ["BT /F1 12 Tf 72 760 Td 14 TL"] + [f"({ln}) '" for ln in lines] + ["ET"]
    return page_pdf(
        " ".join(ops).encode(),
        resources=b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>",
    )
