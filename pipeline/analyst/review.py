"""`evaltable review`: one self-contained HTML page per document for checking the extraction.

Left: each page of the source (a PDF page rendered by pdfium, or a text dump's own
page text) with every `cells` fragment drawn over it, coloured by column.  Right:
the reconstructed rows.  Clicking a cell highlights its boxes and the reverse;
the `checks` are listed at the top, and the rows a failed check is about are
flagged.  Every piece of document text is HTML-escaped, and a Content-Security-Policy
lets only the page's own script run, so markup inside a PDF stays text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.analyst.outputs import DocRef, UsageError, connect, documents, records, resolve
from pipeline.normalise.patterns import CHECK_DIMENSION, CHECK_ROW_LIST, CHECK_UNIT_MAPPED

Record = dict[str, Any]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("item", "評核項目"),
    ("indicator", "評核指標"),
    ("sub", "次評核指標"),
    ("units", "主辦單位"),
    ("result", "執行績效與成果"),
)
COLOURS = {
    "item": "#1f77b4",
    "indicator": "#ff7f0e",
    "sub": "#2ca02c",
    "units": "#9467bd",
    "result": "#d62728",
}


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """How pages are rendered: pdfium scale (1 = 72 dpi) and JPEG quality of the page images."""

    scale: float = 1.5
    jpeg_quality: int = 70


DEFAULT_SETTINGS = ReviewSettings()


@dataclass(frozen=True, slots=True)
class PageImage:
    """A PDF page rendered to an image (a data: URI), with its size in PDF points."""

    page: int
    width: float
    height: float
    data_uri: str


@dataclass(frozen=True, slots=True)
class PageText:
    """A text dump's page as printed."""

    page: int
    text: str


Page = PageImage | PageText


@dataclass(frozen=True, slots=True)
class ReviewData:
    """One document's records from the output folder, as the review page needs them."""

    doc: DocRef
    document: Record
    items: tuple[Record, ...]
    rows: tuple[Record, ...]
    cells: tuple[Record, ...]
    checks: tuple[Record, ...]


# --- reading -----------------------------------------------------------------------------


def _records(con: Any, sql: str, doc_id: str) -> tuple[Record, ...]:
    return tuple(records(con, sql, [doc_id]))


def load_review(out: Path, name: str) -> ReviewData:
    """Given an output folder and a document name, return that document's records."""
    con = connect(out)
    try:
        doc = resolve(documents(con), name)
        return _load(con, doc)
    finally:
        con.close()


def load_all(out: Path) -> list[ReviewData]:
    """Given an output folder, return every document's records, ordered by doc_id."""
    con = connect(out)
    try:
        return [_load(con, d) for d in documents(con)]
    finally:
        con.close()


_COLUMN_ORDER = (
    'case "column" '
    + " ".join(f"when '{c}' then {i}" for i, (c, _) in enumerate(COLUMNS))
    + " else 9 end"
)


def _load(con: Any, doc: DocRef) -> ReviewData:
    one = "where doc_id = ? order by"
    return ReviewData(
        doc=doc,
        document=_records(con, "select * from documents where doc_id = ?", doc.doc_id)[0],
        items=_records(con, f"select * from items {one} dimension_no, item_no", doc.doc_id),
        rows=_records(con, f"select * from rows {one} row_no", doc.doc_id),
        # Reading order within a page: row, then the columns left to right.
        cells=_records(con, f"select * from cells {one} page, row_no, {_COLUMN_ORDER}", doc.doc_id),
        checks=_records(con, f'select * from checks {one} passed, severity, "check"', doc.doc_id),
    )


def find_source(doc: Record, out: Path) -> tuple[bytes | None, str | None]:
    """Given a `documents` record, return the source's bytes, or None and why it is not there.

    The recorded path is tried as given and relative to the output folder's parent
    (where `make run` ran); a file whose sha256 differs is not the one processed.
    """
    recorded = Path(doc["source_path"])
    for candidate in (recorded, out.resolve().parent / recorded):
        if candidate.is_file():
            data = candidate.read_bytes()
            if hashlib.sha256(data).hexdigest() == doc["source_sha256"]:
                return data, None
            return None, f"{candidate} changed since it was processed"
    return None, f"source {recorded} not found"


# --- pages ---------------------------------------------------------------------------------


def pdf_pages(
    data: bytes, settings: ReviewSettings = DEFAULT_SETTINGS, password: str | None = None
) -> list[PageImage]:
    """Given a PDF's bytes, return every page rendered by pdfium as a JPEG data URI."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data, password=password)
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            image = page.render(scale=settings.scale).to_pil().convert("RGB")
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=settings.jpeg_quality)
            uri = "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
            out.append(PageImage(i + 1, float(width), float(height), uri))
            page.close()
    finally:
        pdf.close()
    return out


def dump_pages(data: bytes) -> list[PageText]:
    """Given a text dump's bytes, return its pages as the reader split them (form feeds or headers)."""
    from pipeline.extract.text import bytes_to_text
    from pipeline.layout.textdump import text_to_lines

    text, _encoding = bytes_to_text(data)
    lines, count = text_to_lines(text)
    by_page: dict[int, list[str]] = {p: [] for p in range(1, count + 1)}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln.text)
    return [PageText(p, "\n".join(t).strip("\n")) for p, t in sorted(by_page.items())]


def pages_from_cells(cells: Sequence[Record]) -> list[Page]:
    """Given `cells` records (source unavailable), return stand-in pages built from them alone."""
    pages: dict[int, list[Record]] = {}
    for c in cells:
        pages.setdefault(c["page"], []).append(c)
    out: list[Page] = []
    for p, cs in sorted(pages.items()):
        if all(c["x0"] is None for c in cs):
            out.append(PageText(p, "\n".join(c["text"] for c in cs)))
        else:
            width = max((c["x1"] or 0.0) for c in cs) + 36
            height = max((c["bottom"] or 0.0) for c in cs) + 36
            out.append(PageImage(p, max(width, 595.0), max(height, 842.0), ""))
    return out


def source_pages(
    data: ReviewData, out: Path, settings: ReviewSettings = DEFAULT_SETTINGS
) -> tuple[list[Page], str | None]:
    """Given a document's records, return its pages and a note when the source could not be used."""
    raw, why = find_source(data.document, out)
    if raw is not None and raw.startswith(b"%PDF-"):
        import pypdfium2 as pdfium

        try:
            return list(pdf_pages(raw, settings)), None
        except pdfium.PdfiumError as exc:  # e.g. encrypted: the run had the password
            why = f"pdfium cannot render the source ({exc})"
    elif raw is not None and data.doc.input_kind == "text":
        return list(dump_pages(raw)), None
    elif raw is not None:
        why = f"no page view for input kind {data.doc.input_kind}"
    return pages_from_cells(data.cells), f"{why}: pages rebuilt from the cells table alone"


# --- linking ------------------------------------------------------------------------------


def owners(rows: Sequence[Record]) -> dict[tuple[int, str], int]:
    """Given `rows` records, return for each (row_no, column) the row owning that cell's fragments.

    An item or indicator cell spans several rows; its fragments are filed under its first row.
    """
    out: dict[tuple[int, str], int] = {}
    first_item: dict[tuple[int, int], int] = {}
    first_ind: dict[tuple[int, int, str | None, str | None], int] = {}
    for r in rows:
        no = r["row_no"]
        item = first_item.setdefault((r["dimension_no"], r["item_no"]), no)
        ind_key = (r["dimension_no"], r["item_no"], r["indicator_no"], r["indicator"])
        ind = first_ind.setdefault(ind_key, no)
        out[(no, "item")] = item
        out[(no, "indicator")] = ind
        for col in ("sub", "units", "result"):
            out[(no, col)] = no
    return out


def check_rows(check: Record, rows: Sequence[Record]) -> list[int]:
    """Given a `checks` record, return the rows its message is about (dimension, item, rows, unit)."""
    msg = check["message"]
    listed = CHECK_ROW_LIST.regex.search(msg)
    if listed:
        return [int(x) for x in listed["rows"].split(",")]
    unit = CHECK_UNIT_MAPPED.regex.search(msg)
    if check["check"] == "unit_typo" and unit:
        return [r["row_no"] for r in rows if unit["unit"].strip() in (r["units"] or [])]
    m = CHECK_DIMENSION.regex.search(msg)
    if m:
        dim, item = int(m["dim"]), m["item"]
        return [
            r["row_no"]
            for r in rows
            if r["dimension_no"] == dim and (item is None or r["item_no"] == int(item))
        ]
    return []


def locate_fragments(page_text: str, fragments: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Given a page's text and cell fragments printed on it, return each fragment's spans.

    Each printed line of a fragment is searched from where the previous one was
    found, then from the top; a span already taken is not taken twice.  A line not
    found gets no span (the caller counts them).
    """
    taken: list[tuple[int, int]] = []
    cursor = 0
    out: list[list[tuple[int, int]]] = []
    for frag in fragments:
        spans = []
        for line in (ln.strip() for ln in frag.split("\n")):
            if not line:
                continue
            span = _find_free(page_text, line, cursor, taken)
            if span is None:
                span = _find_free(page_text, line, 0, taken)
            if span is not None:
                taken.append(span)
                spans.append(span)
                cursor = span[1]
        out.append(spans)
    return out


def _find_free(
    text: str, needle: str, start: int, taken: list[tuple[int, int]]
) -> tuple[int, int] | None:
    i = text.find(needle, start)
    while i >= 0:
        span = (i, i + len(needle))
        if not any(a < span[1] and span[0] < b for a, b in taken):
            return span
        i = text.find(needle, i + 1)
    return None


# --- HTML -----------------------------------------------------------------------------------

_CSS = """
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; display: flex; flex-direction: column; font: 14px/1.45 "Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif; color: #222; }
header { flex: 0 0 auto; max-height: 32vh; overflow: auto; padding: 8px 14px; border-bottom: 1px solid #ccc; background: #f7f7f7; }
header h1 { font-size: 18px; margin: 0 0 4px; }
header .meta, .note { font-size: 12px; color: #555; }
.note { color: #a00; }
.legend span { display: inline-block; margin-right: 10px; padding: 0 6px; border: 2px solid; }
#checks { margin: 6px 0 0; font-size: 12px; }
#checks li { cursor: pointer; }
#checks li.failed { color: #b00; font-weight: bold; }
#checks li.active { background: #ffe08a; }
main { flex: 1 1 auto; min-height: 0; display: flex; }
#pages { flex: 1 1 50%; overflow: auto; background: #888; padding: 10px; }
#rows { flex: 1 1 50%; overflow: auto; padding: 0 6px; }
.page { position: relative; max-width: 100%; margin: 0 auto 12px; background: #fff; box-shadow: 0 1px 4px #0006; }
.page img { display: block; width: 100%; height: auto; }
.page .pno { position: absolute; left: 4px; top: 2px; font-size: 11px; color: #666; }
.box { position: absolute; border: 1.5px solid var(--c); background: color-mix(in srgb, var(--c) 10%, transparent); cursor: pointer; }
.box.hl, span.frag.hl { outline: 3px solid #ffd400; background: color-mix(in srgb, #ffd400 45%, transparent); z-index: 2; }
.page.text { padding: 18px 14px; max-width: 60em; }
.page.text pre { margin: 0; white-space: pre-wrap; font: inherit; }
span.frag { border-bottom: 2px solid var(--c); background: color-mix(in srgb, var(--c) 12%, transparent); cursor: pointer; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th { position: sticky; top: 0; background: #eee; z-index: 1; }
th, td { border: 1px solid #ccc; padding: 3px 5px; vertical-align: top; white-space: pre-wrap; }
td.cell { cursor: pointer; border-left: 4px solid var(--c); }
td.cell.hl { background: #ffe08a; }
tr.flagged td.rowno { background: #f5b7b1; }
tr.active td { background: #fff3c4; }
"""

_SCRIPT = """
(function () {
  const all = (sel) => Array.from(document.querySelectorAll(sel));
  function clear() { all('.hl').forEach((e) => e.classList.remove('hl')); all('.active').forEach((e) => e.classList.remove('active')); }
  function boxesOf(owner, col) { return all('[data-frag][data-owner="' + owner + '"][data-col="' + col + '"]'); }
  function cellsOf(owner, col) { return all('td.cell[data-owner="' + owner + '"][data-col="' + col + '"]'); }
  function show(owner, col, from) {
    clear();
    const boxes = boxesOf(owner, col), cells = cellsOf(owner, col);
    boxes.concat(cells).forEach((e) => e.classList.add('hl'));
    const target = from === 'cell' ? boxes[0] : cells[0];
    if (target) target.scrollIntoView({block: 'center'});
    document.body.dataset.selected = owner + ':' + col;
  }
  all('td.cell').forEach((td) => td.addEventListener('click', () => show(td.dataset.owner, td.dataset.col, 'cell')));
  all('[data-frag]').forEach((b) => b.addEventListener('click', () => show(b.dataset.owner, b.dataset.col, 'box')));
  all('#checks li[data-rows]').forEach((li) => li.addEventListener('click', () => {
    clear();
    li.classList.add('active');
    const rows = li.dataset.rows.split(' ').filter(Boolean);
    rows.forEach((r) => all('tr[data-row="' + r + '"]').forEach((tr) => tr.classList.add('active')));
    const first = document.querySelector('tr[data-row="' + rows[0] + '"]');
    if (first) first.scrollIntoView({block: 'center'});
  }));
})();
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _page_html(page: Page, cells: Sequence[Record]) -> tuple[str, int]:
    """Given a page and its cells, return the page's HTML and how many fragments it could not place."""
    if isinstance(page, PageImage):
        parts = [
            f'<div class="page pdf" data-page="{page.page}" '
            f'style="width:{_num(page.width * 1.25)}px;aspect-ratio:{_num(page.width)}/{_num(page.height)}">'
        ]
        if page.data_uri:
            parts.append(f'<img src="{page.data_uri}" alt="page {page.page}">')
        parts.append(f'<span class="pno">p{page.page}</span>')
        missing = 0
        for c in cells:
            if None in (c["x0"], c["top"], c["x1"], c["bottom"]):
                missing += 1
                continue
            left, top = 100 * c["x0"] / page.width, 100 * c["top"] / page.height
            width = 100 * (c["x1"] - c["x0"]) / page.width
            height = 100 * (c["bottom"] - c["top"]) / page.height
            parts.append(
                f'<div class="box" data-frag data-owner="{c["row_no"]}" data-col="{_e(c["column"])}" '
                f'style="--c:{COLOURS.get(c["column"], "#555")};left:{_num(left)}%;top:{_num(top)}%;'
                f'width:{_num(width)}%;height:{_num(height)}%" '
                f'title="row {c["row_no"]} {_e(c["column"])}: {_e(c["text"])}"></div>'
            )
        return "".join(parts) + "</div>", missing
    spans = locate_fragments(page.text, [c["text"] for c in cells])
    marks = sorted(
        ((s, e, c) for c, ss in zip(cells, spans, strict=True) for s, e in ss), key=lambda m: m[0]
    )
    body, pos = [], 0
    for s, e, c in marks:
        body.append(_e(page.text[pos:s]))
        body.append(
            f'<span class="frag" data-frag data-owner="{c["row_no"]}" data-col="{_e(c["column"])}" '
            f'style="--c:{COLOURS.get(c["column"], "#555")}">{_e(page.text[s:e])}</span>'
        )
        pos = e
    body.append(_e(page.text[pos:]))
    missing = sum(1 for ss in spans if not ss)
    return (
        f'<div class="page text" data-page="{page.page}"><span class="pno">p{page.page}</span>'
        f"<pre>{''.join(body)}</pre></div>",
        missing,
    )


def _rows_html(data: ReviewData, own: dict[tuple[int, str], int], flagged: set[int]) -> str:
    items = {(i["dimension_no"], i["item_no"]): i for i in data.items}
    head = "".join(f"<th>{_e(label)}</th>" for _, label in COLUMNS)
    out = [f"<table><thead><tr><th>#</th>{head}</tr></thead><tbody>"]
    for r in data.rows:
        item = items.get((r["dimension_no"], r["item_no"]), {})
        texts = {
            "item": f"{item.get('name', '')}（{r['dimension_no']}-{r['item_no']}）",
            "indicator": " ".join(x for x in (r["indicator_no"], r["indicator"]) if x),
            "sub": " ".join(x for x in (r["sub_no"], r["sub_indicator"]) if x),
            "units": "、".join(r["units"] or []),
            "result": r["result"] or "",
        }
        cls = ' class="flagged"' if r["row_no"] in flagged else ""
        tds = "".join(
            f'<td class="cell" data-owner="{own[(r["row_no"], col)]}" data-col="{col}" '
            f'style="--c:{COLOURS[col]}">{_e(texts[col])}</td>'
            for col, _ in COLUMNS
        )
        out.append(
            f'<tr data-row="{r["row_no"]}"{cls}><td class="rowno">{r["row_no"]}</td>{tds}</tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _checks_html(data: ReviewData) -> tuple[str, set[int]]:
    flagged: set[int] = set()
    lis = []
    for c in data.checks:
        rows = check_rows(c, data.rows)
        if not c["passed"]:
            flagged.update(rows)
        state = "passed" if c["passed"] else "failed"
        attr = f' data-rows="{" ".join(map(str, rows))}"' if rows else ""
        lis.append(
            f'<li class="{state}"{attr}>{"✔" if c["passed"] else "✘"} '
            f"[{_e(c['severity'])}] {_e(c['check'])}: {_e(c['message'])}</li>"
        )
    failed = sum(1 for c in data.checks if not c["passed"])
    summary = f"Checks: {len(data.checks)}, {failed} failed"
    opened = " open" if failed else ""
    return (
        f'<details id="checks"{opened}><summary>{summary}</summary><ul>{"".join(lis)}</ul></details>',
        flagged,
    )


def review_html(data: ReviewData, pages: Sequence[Page], note: str | None = None) -> str:
    """Given a document's records and its pages, return the review page as one HTML string."""
    own = owners(data.rows)
    by_page: dict[int, list[Record]] = {}
    for c in data.cells:
        by_page.setdefault(c["page"], []).append(c)
    page_parts, unplaced = [], 0
    for page in pages:
        part, missing = _page_html(page, by_page.get(page.page, []))
        page_parts.append(part)
        unplaced += missing
    known = {p.page for p in pages}
    unplaced += sum(len(cs) for p, cs in by_page.items() if p not in known)
    checks, flagged = _checks_html(data)
    d = data.document
    title = f"{d.get('agency') or Path(d['source_path']).name} {d.get('roc_year') or ''}".strip()
    stats = {
        "rows": len(data.rows),
        "cells": len(data.cells),
        "unplaced": unplaced,
        "pages": len(pages),
    }
    notes = [note] if note else []
    if unplaced:
        notes.append(f"{unplaced} cell fragment(s) could not be placed on their page")
    legend = "".join(
        f'<span style="border-color:{COLOURS[c]}">{_e(label)}</span>' for c, label in COLUMNS
    )
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{script_hash}'"
    )
    return (
        "<!doctype html>\n"
        '<html lang="zh-Hant"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{_e(title)} — evaltable review</title><style>{_CSS}</style></head>"
        f'<body data-doc="{_e(data.doc.doc_id)}" data-stats="{_e(json.dumps(stats))}">'
        f"<header><h1>{_e(title)}</h1>"
        f'<div class="meta">{_e(d.get("title"))} · doc_id {_e(data.doc.doc_id)} · '
        f"{_e(d['source_path'])} · {_e(d['input_kind'])} · status {_e(d['status'])}"
        f"{' — ' + _e(d.get('error')) if d.get('error') else ''} · {len(data.rows)} rows, "
        f"{len(data.cells)} cell fragments, {len(pages)} pages</div>"
        + "".join(f'<div class="note">{_e(n)}</div>' for n in notes)
        + f'<div class="legend">{legend}</div>{checks}</header>'
        f'<main><div id="pages">{"".join(page_parts)}</div>'
        f'<div id="rows">{_rows_html(data, own, flagged)}</div></main>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def review_document(
    out: Path, name: str, settings: ReviewSettings = DEFAULT_SETTINGS
) -> tuple[DocRef, str]:
    """Given an output folder and a document name, return the document and its review page."""
    data = load_review(out, name)
    if data.doc.status == "failed":
        raise UsageError(
            f"{data.doc.label} failed ({data.document.get('error')}): nothing to review"
        )
    pages, note = source_pages(data, out, settings)
    return data.doc, review_html(data, pages, note)


def index_html(entries: Sequence[tuple[DocRef, str | None]]) -> str:
    """Given documents with their review file names (None when not reviewable), return an index page."""
    lis = "".join(
        f'<li><a href="{_e(f)}">{_e(d.label)}</a> — {_e(d.status)}</li>'
        if f
        else f"<li>{_e(d.label)} — {_e(d.status)}</li>"
        for d, f in entries
    )
    return (
        '<!doctype html>\n<html lang="zh-Hant"><head><meta charset="utf-8">'
        "<title>evaltable review</title></head>"
        f"<body><h1>evaltable review</h1><ul>{lis}</ul></body></html>\n"
    )
