"""Extract: one module per input kind (PDF text layer, text dump, scan/OCR) behind one signature."""
