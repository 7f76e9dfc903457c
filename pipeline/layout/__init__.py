"""Layout: page primitives → table cells (grid) → one token stream (stitch); textdump for dumps."""
