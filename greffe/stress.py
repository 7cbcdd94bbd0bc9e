"""Kill a real ingestion at random moments and check that nothing is lost or half-written.

    python -m greffe.stress --kills 20                 # corpus/pdf plus a few hostile files
    python -m greffe.stress --kills 3 --source corpus/pdf/TA38_2506085_20250721.pdf ...
    python -m greffe.stress --kills 5 --cli            # kill `greffe ingest` (the Prefect flow)

What it does:
1. copies the source files into a work folder, with hostile neighbours (an empty file, a
   truncated PDF, HTML named .pdf, the same bytes under a second name);
2. ingests them once without interruption: the reference base;
3. again and again, on a fresh base: starts an ingestion (`python -m greffe.stress --worker`,
   which runs the very functions of the flow: plan, skip, parse + extract + load, fts, publish;
   or `greffe ingest` with --cli) and kills it with SIGKILL at a random moment: during start-up,
   right after the n-th document was written (a random n, then a random fraction of a second:
   often inside the next document's transaction), or while it publishes; after each kill it
   opens the base as the next run would and checks that it holds no partial document:
     * no row of a child table, source or ledger 'loaded' row without its decision;
     * no decision without its source, its search row and its 'loaded' ledger row;
     * each decision present has exactly the rows it has in the reference base (same text,
       same number of rows in every child table);
   then runs the ingestion again (it may be killed again) until one run completes, and checks
   that the completed base equals the reference: the same decisions, rows, sources, one ledger
   row per (file, extractor version) with the same outcome, and a published snapshot readers open.
4. stops after `--kills` kills and prints one line per kill; exit status 1 on any failure.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path



# ---------------------------------------------------------------- the worker (one ingestion)

def run_ingestion(paths: list[str], db_path: str, *, say=lambda line: None) -> None:
    """What flows/ingest.py does, step for step, without Prefect: `say` gets a line per step."""
    from extractors import EXTRACTOR_VERSION

    from . import db, ingest
    from .publish import publish, snapshots
    summary = ingest.RunSummary()
    with ingest.open_writer(db_path) as con:            # one writer connection, as the flow
        todo, done = ingest.plan(paths, con, EXTRACTOR_VERSION)
        say(f"planned {len(todo)} {len(done)}")
        ingest.skip(con, done, summary, EXTRACTOR_VERSION)
        if todo:
            ingest.store(con, ingest.process_all(todo), summary, EXTRACTOR_VERSION,
                         lambda s: say(f"stored {s.loaded + len(s.quarantined) + len(s.retriable)}"))
        publishing = bool(todo) or not snapshots(db_path)
        if publishing:
            say("publishing")
            db.end_run(con)
    if publishing:
        publish(db_path)
    say("done")


def _worker(argv: list[str]) -> int:
    db_path, *paths = argv

    def say(line: str) -> None:
        print(line, flush=True)
    run_ingestion(paths, db_path, say=say)
    return 0


# ---------------------------------------------------------------- the work folder

def prepare_inputs(sources: list[Path], folder: Path) -> list[Path]:
    """Copy `sources` (files, or the PDFs and XMLs of folders) into `folder`, with hostile
    neighbours; returns the input folder."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for s in sources:
        files += sorted(p for p in s.rglob("*") if p.suffix.lower() in (".pdf", ".xml")) if s.is_dir() else [s]
    if not files:
        raise SystemExit("no PDF or XML among the sources")
    for f in files:
        shutil.copyfile(f, folder / f.name)
    first = files[0].read_bytes()
    shutil.copyfile(files[0], folder / f"copy-of-{files[0].name}")   # same bytes, second name
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "error-page.pdf").write_bytes(b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>")
    if first.startswith(b"%PDF"):
        (folder / "truncated.pdf").write_bytes(first[: len(first) // 2])
    return [folder]


# ---------------------------------------------------------------- checks

def snapshot_of(db_path: Path) -> dict:
    """What the base holds, for comparisons: per decision (text hash, row count of each child
    table), sources, ledger outcome per path."""
    from . import db
    with db.connect(db_path) as con:
        decisions = {}
        for (did, text_md5) in con.execute("SELECT id, md5(text) FROM decisions").fetchall():
            decisions[did] = {"text": text_md5}
        for table in db.CHILD_TABLES:
            for did, n in con.execute(f"SELECT decision_id, count(*) FROM {table} GROUP BY 1").fetchall():
                if did in decisions:
                    decisions[did][table] = n
        sources = dict(con.execute("SELECT sha256, decision_id FROM sources").fetchall())
        ledger = con.execute("SELECT path, extractor_version, outcome, reason FROM ledger").fetchall()
    return {"decisions": decisions, "sources": sources,
            "ledger": {(p, v): (o, r if o in ("quarantined", "retriable") else None)
                       for p, v, o, r in ledger},
            "ledger_rows": len(ledger)}


def partial_documents(db_path: Path, reference: dict) -> list[str]:
    """Everything in the base that betrays a half-written document ([] when none)."""
    from . import db
    problems = []
    with db.connect(db_path) as con:
        def count(sql: str) -> int:
            return con.execute(sql).fetchone()[0]
        for table in db.CHILD_TABLES:
            n = count(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                      f"(SELECT 1 FROM decisions d WHERE d.id = t.decision_id)")
            if n:
                problems.append(f"{n} orphan row(s) in {table}")
        checks = {
            "source without its decision": "SELECT count(*) FROM sources s WHERE NOT EXISTS "
                                           "(SELECT 1 FROM decisions d WHERE d.id = s.decision_id)",
            "decision without a source": "SELECT count(*) FROM decisions d WHERE NOT EXISTS "
                                         "(SELECT 1 FROM sources s WHERE s.decision_id = d.id)",
            "decision without a 'loaded' ledger row": "SELECT count(*) FROM decisions d WHERE NOT EXISTS "
                "(SELECT 1 FROM ledger l WHERE l.decision_id = d.id AND l.outcome = 'loaded')",
            "'loaded' ledger row without its decision": "SELECT count(*) FROM ledger l WHERE "
                "l.outcome = 'loaded' AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = l.decision_id)",
            "'loaded' ledger row without its source": "SELECT count(*) FROM ledger l WHERE "
                "l.outcome = 'loaded' AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = l.sha256)",
        }
        for what, sql in checks.items():
            n = count(sql)
            if n:
                problems.append(f"{n} {what}")
    state = snapshot_of(db_path)
    for did, rows in state["decisions"].items():
        expected = reference["decisions"].get(did)
        if expected is None:
            problems.append(f"decision {did} is not in the reference base")
        elif rows != expected:
            problems.append(f"decision {did} differs from the reference: {rows} != {expected}")
    return problems


def differences(state: dict, reference: dict) -> list[str]:
    """How a completed base differs from the reference ([] when it does not)."""
    out = []
    for key in ("decisions", "sources", "ledger"):
        if state[key] != reference[key]:
            a, b = state[key], reference[key]
            missing = sorted(map(str, set(b) - set(a)))[:5]
            extra = sorted(map(str, set(a) - set(b)))[:5]
            changed = sorted(str(k) for k in set(a) & set(b) if a[k] != b[k])[:5]
            out.append(f"{key}: missing {missing}, extra {extra}, different {changed}")
    if state["ledger_rows"] != len(state["ledger"]):
        out.append(f"ledger: {state['ledger_rows']} rows for {len(state['ledger'])} (file, version)")
    return out


def published_ok(db_path: Path) -> bool:
    from . import db
    with db.connect_reader(db_path) as ro:
        return ro.execute("SELECT count(*) FROM decisions").fetchone()[0] >= 0


# ---------------------------------------------------------------- the harness

class Ingestion:
    """One ingestion in its own process group; its stdout lines are read as they come (raw,
    unbuffered), its stderr goes to `log`."""

    def __init__(self, inputs: list[Path], db_path: Path, cli: bool, log: Path, code: Path | None):
        if cli:
            cmd = [str(Path(sys.executable).with_name("greffe")), "ingest", *map(str, inputs),
                   "--db", str(db_path), "--format", "json"]
        else:
            cmd = [sys.executable, "-m", "greffe.stress", "--worker", str(db_path), *map(str, inputs)]
        self.log = log
        env = dict(os.environ)
        if code is not None:
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(code), env.get("PYTHONPATH")) if p)
        with open(log, "ab") as err:
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env,
                                         start_new_session=True)
        self.buffer = b""

    def wait_for(self, predicate, timeout: float) -> bool:
        """Read lines until one satisfies `predicate`; False when the process ended first or
        the time ran out."""
        import selectors
        fd = self.proc.stdout.fileno()
        end = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                while b"\n" in self.buffer:
                    line, self.buffer = self.buffer.split(b"\n", 1)
                    if predicate(line.decode("utf-8", "replace").strip()):
                        return True
                left = end - time.monotonic()
                if left <= 0:
                    return False
                if not sel.select(timeout=min(left, 0.5)):
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    return False
                self.buffer += chunk

    def kill(self) -> bool:
        """SIGKILL the whole group (and the PDF sandboxes it started); True if it was running."""
        running = self.proc.poll() is None
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.proc.stdout.close()
        _kill_sandboxes(self.proc.pid)
        return running

    def finish(self, timeout: float) -> int:
        """Let it complete; its exit status."""
        self.wait_for(lambda line: False, timeout=timeout)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        self.proc.stdout.close()
        return self.proc.returncode

    def error_tail(self) -> str:
        return self.log.read_text(errors="replace")[-800:]


def _kill_sandboxes(parent_pid: int) -> None:
    """The PDF sandbox runs in its own session: a killed ingestion leaves it orphaned until its
    own limits or its closed pipes stop it. Kill the orphans whose command line says what they
    are and whose parent was our ingestion (now init, so match by the greffe.sandbox module)."""
    proc = Path("/proc")
    for p in proc.iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes().split(b"\0")
            stat = (p / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if b"greffe.sandbox" in cmd and ppid in (1, parent_pid) and p.stat().st_uid == os.getuid():
            try:
                os.killpg(int(p.name), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def freeze_code(folder: Path) -> Path:
    """A copy of the code (greffe with its SQL, extractors, flows) that every run of one stress
    test imports, so that the reference and the killed runs extract alike even if the working
    tree changes meanwhile."""
    root = Path(__file__).resolve().parent.parent
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "greffe", folder / "greffe", ignore=ignore)
    shutil.copytree(root / "sql", folder / "greffe" / "sql", ignore=ignore, dirs_exist_ok=True)
    for package in ("extractors", "flows"):
        shutil.copytree(root / package, folder / package, ignore=ignore)
    return folder


def stress(kills: int, sources: list[Path], workdir: Path, *, seed: int | None = None,
           cli: bool = False, log=print) -> list[str]:
    """Kill ingestions `kills` times; returns the failures ([] when every check passed)."""
    rng = random.Random(seed)
    code = freeze_code(workdir / "code")
    inputs = prepare_inputs(sources, workdir / "in")
    ref_db = workdir / "reference.duckdb"
    t0 = time.monotonic()
    errors = workdir / "stderr.log"
    run = Ingestion(inputs, ref_db, cli=False, log=errors, code=code)
    if run.finish(timeout=3600):
        return [f"the reference ingestion failed: {run.error_tail()}"]
    reference = snapshot_of(ref_db)
    n_docs = len(reference["ledger"])
    ref_seconds = time.monotonic() - t0
    log(f"reference: {len(reference['decisions'])} decisions, {n_docs} ledger rows, "
        f"{ref_seconds:.0f} s")
    failures: list[str] = []
    done_kills, rounds = 0, 0
    while done_kills < kills:
        rounds += 1
        base = workdir / f"round-{rounds}" / "g.duckdb"
        base.parent.mkdir(parents=True)
        completed = False
        while not completed:
            run = Ingestion(inputs, base, cli=cli, log=errors, code=code)
            moment = _kill_moment(rng, run, ref_seconds, cli) if done_kills < kills else None
            if moment is None:                  # enough kills: let this one complete
                if run.finish(timeout=3600):
                    failures.append(f"round {rounds}: the ingestion after the kills failed: "
                                    f"{run.error_tail()}")
                    return failures
                completed = True
            elif run.kill():
                done_kills += 1
                problems = partial_documents(base, reference)
                state = snapshot_of(base)
                log(f"kill {done_kills:>2}: {moment:<28} -> {len(state['decisions']):>3} decisions, "
                    f"{len(state['ledger']):>3} ledger rows, "
                    + ("OK" if not problems else "FAILED: " + "; ".join(problems)))
                failures += [f"kill {done_kills}: {p}" for p in problems]
            else:                               # it finished before the chosen moment
                if run.proc.returncode:
                    failures.append(f"round {rounds}: an ingestion failed: {run.error_tail()}")
                    return failures
                completed = True
        state = snapshot_of(base)
        diff = differences(state, reference)
        if not published_ok(base):
            diff.append("no readable published snapshot")
        log(f"round {rounds} completed: {len(state['decisions'])} decisions, "
            f"{len(state['ledger'])} ledger rows, " + ("same as the reference" if not diff else
                                                      "DIFFERENT: " + "; ".join(diff)))
        failures += [f"round {rounds}: {d}" for d in diff]
    return failures


def _kill_moment(rng: random.Random, run: Ingestion, ref_seconds: float, cli: bool) -> str | None:
    """Wait for a random moment of the run; returns what it was (None: the run ended first)."""
    if cli:                                 # no progress lines: a random time
        delay = rng.uniform(5.0, ref_seconds + 60.0)      # Prefect starts its server first
        if run.wait_for(lambda line: False, timeout=delay) or run.proc.poll() is not None:
            return None
        return f"at {delay:.1f} s"
    phase = rng.choices(("start-up", "loading", "publishing"), weights=(1, 8, 1))[0]
    if phase == "start-up":
        delay = rng.uniform(0.0, 8.0)
        time.sleep(delay)
        return None if run.proc.poll() is not None else f"start-up, {delay:.1f} s"
    if phase == "loading":
        planned: list[int] = []

        def is_plan(line: str) -> bool:
            if line.startswith("planned "):
                planned.append(int(line.split()[1]))
                return True
            return False
        if not run.wait_for(is_plan, timeout=600):
            return None
        if planned[0] == 0:             # nothing left to load: let the round complete
            return None
        target = rng.randrange(0, planned[0])           # documents written before the kill
        if target and not run.wait_for(lambda line: line == f"stored {target}", timeout=900):
            return None
        delay = rng.uniform(0.0, 1.0)
        time.sleep(delay)
        return None if run.proc.poll() is not None else f"after document {target} +{delay:.2f} s"
    if not run.wait_for(lambda line: line == "publishing", timeout=900):
        return None
    delay = rng.uniform(0.0, 1.5)
    time.sleep(delay)
    return None if run.proc.poll() is not None else f"publishing +{delay:.2f} s"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        return _worker(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m greffe.stress", description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--source", nargs="+", type=Path, default=[Path("corpus/pdf")],
                    help="files or folders to ingest (default: corpus/pdf)")
    ap.add_argument("--workdir", type=Path, default=None, help="kept afterwards (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--cli", action="store_true", help="kill `greffe ingest` (the Prefect flow) at random times")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"seed {seed}")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        failures = stress(args.kills, args.source, args.workdir, seed=seed, cli=args.cli)
    else:
        with tempfile.TemporaryDirectory(prefix="greffe-stress-") as tmp:
            failures = stress(args.kills, args.source, Path(tmp), seed=seed, cli=args.cli)
    for f in failures:
        print("FAILED", f)
    print(f"{args.kills} kills: " + ("every check passed" if not failures else f"{len(failures)} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
