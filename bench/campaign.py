"""Adversarial campaign against the batch engine (issue 16), at scale; prints held/broke counts.

Usage: `python -m bench.campaign [--kills 20] [--pdfs 200] [--dumps 100] [--seed 16]`
(or `make campaign`).  Never part of `make test`: it takes minutes.

Four parts, each run through the real CLI (`python -m pipeline`) as a user would:

* kill -9: a run over an archive (text dumps and PDFs) is killed at a random moment —
  the parent alone (its workers must die with it) or its whole process group — then
  run again; held when the re-run exits as an uninterrupted run did, its tables equal
  that run's, no worker outlived the kill and nothing is left locked.
* bit-flipped PDFs: the committed fixture PDFs with 1–16 random bits flipped, all in
  one batch; held per file when it has a documents row and no "internal error", and
  the batch ends without a traceback within its time bound.
* mutated dumps: the seed dump cut, shuffled, with lines repeated or dropped, control
  characters and terminal escapes inserted, re-encoded, NULs and junk bytes added;
  same criteria (read from the ledger, which lists duplicates too), plus no escape
  character on the terminal.
* hostile file system: FIFO and device symlink as inputs, dangling and looping
  symlinks, a non-UTF-8 name, a name with a newline and an OSC sequence, a path too
  long to open, a symlinked lock, a ledger doc_id that climbs out of --out, --out
  naming a file, a damaged output; each case has its own expected outcome.

Every run is checked for writes outside its --out: the campaign folder's files
outside the output folders are listed with their sizes and mtimes before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "raw" / "000_c7dbfb6a031a896f.txt"
FIXTURES = REPO / "tests" / "fixtures" / "pdf"
RUN_TIMEOUT = 900  # seconds for any one CLI run: longer is a hang


@dataclass
class Tally:
    held: Counter[str] = field(default_factory=Counter)
    broke: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    hangs: int = 0
    tracebacks: int = 0
    outside_writes: int = 0

    def check(self, part: str, ok: bool, note: str = "") -> None:
        (self.held if ok else self.broke)[part] += 1
        if not ok and note:
            self.notes.append(f"{part}: {note}")


def cli(*args: str | Path, cwd: Path = REPO, timeout: float = RUN_TIMEOUT) -> tuple[int, str]:
    """Run the CLI; return (exit code, stderr+stdout); exit code -1 means it hung."""
    try:
        p = subprocess.run(
            [sys.executable, "-m", "pipeline", *map(str, args)],
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return -1, "hung"
    return p.returncode, (p.stderr + p.stdout).decode("utf-8", "backslashreplace")


def outside(root: Path, outs: tuple[Path, ...]) -> dict[str, tuple[int, int]]:
    """Given the campaign folder, return every file outside the output folders: size and mtime."""
    seen: dict[str, tuple[int, int]] = {}
    for dirpath, dirs, files in os.walk(root):
        if any(Path(dirpath) == o or o in Path(dirpath).parents for o in outs):
            dirs[:] = []
            continue
        for f in files:
            p = os.path.join(dirpath, f)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            seen[p] = (st.st_size, st.st_mtime_ns)
    return seen


def snapshot(out: Path) -> dict[str, object]:
    import pandas as pd

    snap: dict[str, object] = {}
    for table in sorted(p.name for p in out.iterdir() if p.is_dir()):
        df = pd.read_parquet(out / table)
        cols = sorted(c for c in df.columns if c not in ("seconds",))
        df = df[cols]
        snap[table] = sorted(map(repr, df.astype(str).itertuples(index=False)))
    return snap


def session_alive(sid: int) -> list[int]:
    """Given a session id, return the pids still in it (workers that outlived a kill)."""
    alive = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    return alive


# --- the archive ---------------------------------------------------------------------


def build_archive(folder: Path, rng: random.Random) -> None:
    folder.mkdir(parents=True)
    seed = SEED.read_bytes()
    for i in range(6):
        (folder / f"form_{i:02d}.txt").write_bytes(seed + b"\n" * (i + 1))
    for pdf in sorted(FIXTURES.glob("seed_*.pdf"))[:3]:
        (folder / pdf.name).write_bytes(pdf.read_bytes() + f"\n%{rng.random()}\n".encode())
    (folder / "empty.txt").write_bytes(b"")


def part_kills(root: Path, n: int, rng: random.Random, t: Tally) -> None:
    archive = root / "archive"
    build_archive(archive, rng)
    clean = root / "kill_clean"
    t0 = time.monotonic()
    clean_code, text = cli("run", archive, "--out", clean, "--workers", "2")
    span = time.monotonic() - t0
    reference = snapshot(clean)
    print(f"  clean run: exit {clean_code} in {span:.1f}s", flush=True)
    for i in range(n):
        out = root / f"kill_{i:02d}"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "run",
                str(archive),
                "--out",
                str(out),
                "--workers",
                "2",
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.2, max(0.5, span * 0.9)))
        whole_group = i % 2 == 1
        try:
            if whole_group:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                os.kill(proc.pid, signal.SIGKILL)  # the parent alone: workers must follow
        except ProcessLookupError:
            pass
        proc.wait()
        time.sleep(1.5)  # the watchdog's interval, with room
        orphans = session_alive(proc.pid)
        for pid in orphans:
            os.kill(pid, signal.SIGKILL)
        code, text = cli("run", archive, "--out", out, "--workers", "2")
        t.hangs += code == -1
        t.tracebacks += "Traceback" in text
        same = code == clean_code and snapshot(out) == reference
        why = []
        if orphans:
            why.append(f"{len(orphans)} orphaned worker(s)")
        if not same:
            why.append(f"re-run differs (exit {code}): {text[-300:]}")
        t.check(
            "kill -9", not why, f"#{i} ({'group' if whole_group else 'parent'}): {'; '.join(why)}"
        )
        shutil.rmtree(out, ignore_errors=True)


# --- fuzzed inputs -------------------------------------------------------------------


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


MUTATIONS = (
    "truncate",
    "shuffle",
    "repeat",
    "drop",
    "controls",
    "escapes",
    "big5",
    "nul",
    "junk",
    "long_line",
    "no_newlines",
    "form_feeds",
)


def mutate_dump(text: str, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(MUTATIONS)
    lines = text.split("\n")
    if kind == "truncate":
        return kind, text[: rng.randrange(len(text))].encode()
    if kind == "shuffle":
        cut = sorted(rng.sample(range(len(lines)), 6))
        chunks = [lines[a:b] for a, b in zip([0, *cut], [*cut, len(lines)], strict=True)]
        rng.shuffle(chunks)
        return kind, "\n".join(ln for c in chunks for ln in c).encode()
    if kind == "repeat":
        i = rng.randrange(len(lines))
        return kind, "\n".join(lines[:i] + lines[i : i + 20] * 30 + lines[i:]).encode()
    if kind == "drop":
        return kind, "\n".join(ln for ln in lines if rng.random() > 0.2).encode()
    if kind == "controls":
        out = [
            ln + chr(rng.choice([0, 1, 7, 8, 11, 27, 127, 0x9B])) if rng.random() < 0.05 else ln
            for ln in lines
        ]
        return kind, "\n".join(out).encode()
    if kind == "escapes":
        i = rng.randrange(len(lines))
        evil = "\x1b]0;pwned\x07\x1b[2J評核項目\x1b[31m"
        return kind, "\n".join([*lines[:i], lines[i] + evil, *lines[i + 1 :]]).encode()
    if kind == "big5":
        return kind, text.encode("cp950", "replace")
    if kind == "nul":
        b = bytearray(text.encode())
        for _ in range(50):
            b.insert(rng.randrange(len(b)), 0)
        return kind, bytes(b)
    if kind == "junk":
        b = bytearray(text.encode())
        at = rng.randrange(len(b))
        return kind, bytes(b[:at]) + os.urandom(rng.randint(1, 4096)) + bytes(b[at:])
    if kind == "long_line":
        return kind, (text + "九" * 2_000_000).encode()
    if kind == "no_newlines":
        return kind, text.replace("\n", " ").encode()
    return kind, text.replace("\n", "\f\n", rng.randint(1, 50)).encode()


def run_fuzz_batch(
    part: str, folder: Path, out: Path, t: Tally, names: dict[str, str], *, timeout: float
) -> None:
    t0 = time.monotonic()
    code, text = cli(
        "run", folder, "--out", out, "--workers", "2", "--timeout", "60", timeout=timeout
    )
    print(f"  {part}: exit {code} in {time.monotonic() - t0:.0f}s", flush=True)
    if code == -1:
        t.hangs += 1
        t.check(part, False, "the batch hung")
        return
    t.tracebacks += "Traceback" in text
    if "\x1b" in text or "\x07" in text:
        t.check(part + " (terminal)", False, "an escape reached the terminal")
    # The ledger, not `documents`: a mutation that yields the same bytes twice (a
    # re-encoding, a long line) is recorded as a duplicate and has no documents row.
    with sqlite3.connect(out / "_ledger.sqlite") as db:
        rows = db.execute("select path, status, error from inputs").fetchall()
    by_name = {Path(p).name: (st, err or "") for p, st, err in rows}
    for name, what in names.items():
        got = by_name.get(name)
        ok = got is not None and "internal error" not in got[1] and code in (0, 1)
        t.check(part, ok, f"{name} ({what}): {got}")


def part_pdfs(root: Path, n: int, rng: random.Random, t: Tally) -> None:
    folder = root / "pdfs"
    folder.mkdir()
    sources = sorted(FIXTURES.glob("*.pdf"))
    names = {}
    for i in range(n):
        src = rng.choice(sources)
        name = f"flip_{i:03d}.pdf"
        (folder / name).write_bytes(flip_bits(src.read_bytes(), rng))
        names[name] = src.name
    run_fuzz_batch("bit-flipped PDF", folder, root / "pdfs_out", t, names, timeout=3600)


def part_dumps(root: Path, n: int, rng: random.Random, t: Tally) -> None:
    folder = root / "dumps"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    names = {}
    for i in range(n):
        kind, data = mutate_dump(text, rng)
        name = f"mut_{i:03d}_{kind}.txt"
        (folder / name).write_bytes(data)
        names[name] = kind
    run_fuzz_batch("mutated dump", folder, root / "dumps_out", t, names, timeout=3600)


# --- the hostile file system -----------------------------------------------------------


def part_filesystem(root: Path, t: Tally) -> None:
    part = "hostile file system"
    src = root / "fs_in"
    src.mkdir()
    (src / "good.txt").write_bytes(SEED.read_bytes())
    os.mkfifo(src / "fifo.txt")
    (src / "zero.txt").symlink_to("/dev/zero")
    (src / "dangling.txt").symlink_to(root / "nowhere.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "dirloop").symlink_to(src, target_is_directory=True)
    big5 = os.fsdecode("107年度評核表.txt".encode("big5"))
    (src / big5).write_bytes(SEED.read_bytes() + b"\n")
    evil = "x\nok      forged.txt: 48 rows\x1b]0;pwned\x07.txt"
    (src / evil).write_bytes(b"")
    fd = os.open(src, os.O_RDONLY)
    for _ in range(18):
        os.mkdir("d" * 250, dir_fd=fd)
        nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nxt
    os.close(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    os.close(fd)
    out = root / "fs_out"
    code, text = cli("run", src, "--out", out, "--workers", "2", timeout=300)
    t.hangs += code == -1
    t.tracebacks += "Traceback" in text
    lines = text.splitlines()
    t.check(part, code == 1, f"mixed folder exit {code}")
    t.check(part, "\x1b" not in text and "\x07" not in text, "escape on the terminal")
    t.check(part, not any(ln.startswith("ok      forged") for ln in lines), "forged line")
    if code != -1:
        import pandas as pd

        docs = pd.read_parquet(out / "documents")
        docs["error"] = docs.error.fillna("")
        errors = dict(zip(docs.source_path.map(lambda p: Path(p).name), docs.error, strict=True))
        expect = {
            "fifo.txt": "not a regular file: a FIFO",
            "zero.txt": "not a regular file: a character device",
            "dangling.txt": "cannot read file",
            "loop.txt": "cannot read file",
        }
        for name, reason in expect.items():
            t.check(part, reason in (errors.get(name) or ""), f"{name}: {errors.get(name)}")
        t.check(part, any("\\x" in p and p.endswith(".txt") for p in docs.source_path), "Big5 name")
        t.check(part, any("File name too long" in (e or "") for e in docs.error), "long path")
        # a damaged output is redone
        good = docs[docs.source_path.str.endswith("good.txt")].doc_id.item()
        (out / "rows" / f"{good}.parquet").write_bytes(b"PAR1")
        _code2, text2 = cli("run", src, "--out", out, timeout=300)
        t.check(part, "ok      " in text2 and "good.txt" in text2, "damaged rows not redone")
    # a symlinked lock: refused, its target untouched
    victim = root / "victim.txt"
    victim.write_text("precious")
    out2 = root / "fs_lock"
    out2.mkdir()
    (out2 / ".evaltable.lock").symlink_to(victim)
    code, text = cli("run", src / "good.txt", "--out", out2, timeout=300)
    t.check(part, code == 2 and victim.read_text() == "precious", f"symlinked lock: {code}")
    # a ledger doc_id that climbs out of --out
    out3 = root / "fs_ledger"
    cli("run", src / "good.txt", "--out", out3, timeout=300)
    target = root / "x.parquet"
    target.write_text("precious")
    with sqlite3.connect(out3 / "_ledger.sqlite") as db:
        db.execute("update inputs set doc_id = '../../x', sha256 = 'changed'")
    code, text = cli("run", src / "good.txt", "--out", out3, timeout=300)
    t.tracebacks += "Traceback" in text
    t.check(
        part, code == 2 and target.read_text() == "precious", f"ledger doc_id: {code} {text[-200:]}"
    )
    # --out naming a file; a corrupt ledger
    code, text = cli("run", src / "good.txt", "--out", victim, timeout=300)
    t.check(part, code == 2 and "Traceback" not in text, f"--out is a file: {code}")
    out4 = root / "fs_corrupt"
    out4.mkdir()
    (out4 / "_ledger.sqlite").write_bytes(os.urandom(8192))
    code, text = cli("run", src / "good.txt", "--out", out4, timeout=300)
    t.check(part, code == 2 and "Traceback" not in text, f"corrupt ledger: {code}")
    for bad in (["--timeout", "nan"], ["--max-memory", "99999999999999"], ["--dask", "x"]):
        code, text = cli("run", src / "good.txt", "--out", root / "fs_opts", *bad, timeout=300)
        t.check(part, code == 2 and "Traceback" not in text, f"{bad}: {code}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--pdfs", type=int, default=200)
    ap.add_argument("--dumps", type=int, default=100)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--keep", action="store_true", help="keep the campaign folder")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="evaltable-campaign-"))
    t = Tally()
    outs = (
        "kill_",
        "pdfs_out",
        "dumps_out",
        "fs_out",
        "fs_lock",
        "fs_ledger",
        "fs_corrupt",
        "fs_opts",
    )
    t0 = time.monotonic()
    try:
        for name, fn in (
            ("hostile file system", lambda: part_filesystem(root, t)),
            ("mutated dumps", lambda: part_dumps(root, args.dumps, rng, t)),
            ("bit-flipped PDFs", lambda: part_pdfs(root, args.pdfs, rng, t)),
            ("kill -9", lambda: part_kills(root, args.kills, rng, t)),
        ):
            print(f"{name} …", flush=True)
            out_dirs = tuple(p for p in root.iterdir() if p.name.startswith(outs))
            before = outside(root, out_dirs)
            fn()
            out_dirs = tuple(p for p in root.iterdir() if p.name.startswith(outs))
            after = outside(root, out_dirs)
            changed = [p for p, v in before.items() if after.get(p) != v]
            # files the campaign itself wrote between the snapshots are new, never changed
            t.outside_writes += len(changed)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\ncampaign (seed {args.seed}) in {time.monotonic() - t0:.0f}s")
    print(f"{'part':<28}{'held':>6}{'broke':>7}")
    for part in sorted(set(t.held) | set(t.broke)):
        print(f"{part:<28}{t.held[part]:>6}{t.broke[part]:>7}")
    print(f"hangs {t.hangs}, tracebacks {t.tracebacks}, writes outside --out {t.outside_writes}")
    for note in t.notes[:40]:
        print("  broke:", note.replace("\x1b", "\\x1b")[:300])
    return 1 if (sum(t.broke.values()) or t.hangs or t.tracebacks or t.outside_writes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
