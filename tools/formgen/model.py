"""The form family's data contract: a `Form` is a golden-format dict; a producer renders it.

A form is the same JSON hierarchy as `tests/golden/*.json` (`document`,
`dimensions`, `items`, `rows`), plus:

* `document.notes`: text printed after the last 小計 (總分, 備註, a signature
  line), lines joined by "\\n", or None;
* `document.header_variant`: the fifth header label as printed;
* `style`: how every producer should print the furniture of this form, so that
  all producers of one seed show the same document:
  `header_labels` (the five column labels), `footer` (None, "page_of" for
  `第 N 頁，共 M 頁`, "dash" for `- N -`, "bare" for `N`), `repeat_title`
  (the title printed at the top of every page, not only above each dimension),
  `subtotal_style` ("spaced" for `小計 178 分`, "colon" for `小計：178分`).

Page fields (`document.page_count`, every `page_start`/`page_end`) depend on the
rendering: `generate` leaves them None, and a producer returns them filled in
its `Rendered.expected`.  Nothing here imports `pipeline`: expected values never
come from the code under test.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Form = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rendered:
    """One producer's rendering of a form: the input bytes and the form as it paginated it."""

    producer: str  # "textdump", "reportlab", "chromium", …
    suffix: str  # ".txt" or ".pdf": the file name ending a user would have
    data: bytes
    expected: Form  # the form with page_count and every page range as rendered


Producer = Callable[[Form, random.Random], Rendered]

HEADER_FIRST_FOUR = (
    ("評核項目", "評核指標", "次評核指標", "主辦單位"),
    ("評核項目", "評核指標", "次評核指標", "承辦單位"),
)
HEADER_FIFTH = ("執行績效與成果", "具體作法與成果", "辦理情形")
