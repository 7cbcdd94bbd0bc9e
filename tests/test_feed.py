"""The open-data feed ingested incrementally (greffe.feed): an archive already gone through is
skipped whole, a decision republished with a later Date_Mise_Jour becomes the new version of the
same decision (an older one met later does not replace it), and the ingestion filters keep an
association's own courts. Also: a case for every sql file of this issue (SQL_CASES, which
tests/test_sql_queries.py can take into its CASES)."""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import pytest

from extractors import EXTRACTOR_VERSION
from greffe import alerts, db, feed, serve
from greffe.errors import InvalidFilter
from greffe.model import Metadata

# A tribunal order in the open data's shape, written for these tests (no real decision).
ORDER = """Vu la procédure suivante :
Par une requête enregistrée le {filed}, M. A... B..., représenté par Me Martin, demande au juge des référés d'enjoindre au préfet de l'Isère de lui fixer un rendez-vous en vue du dépôt de sa demande de titre de séjour.
Considérant que la préfecture n'offre aucun accès non dématérialisé au dépôt des demandes de titre de séjour.
O R D O N N E :
Article 1er : Il est enjoint au préfet de l'Isère de fixer un rendez-vous à M. A... B... dans un délai de quinze jours à compter de la notification de la présente ordonnance.{extra}
Article 3 : La présente ordonnance sera notifiée à M. A... B... et au ministre de l'intérieur."""

CITY = {"TA38": "Grenoble", "TA69": "Lyon", "TA75": "Paris"}


def opendata_xml(court: str, number: str, date: str, maj: str, extra: str = "",
                 filed: str = "10 mars 2025") -> bytes:
    """One open-data XML decision of a tribunal (`court` TA38, ...)."""
    text = ORDER.format(extra=extra, filed=filed)
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    stem = f"OR{court[:2]}_{number}_{date.replace('-', '')}"
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<Document>
<Donnees_Techniques><Identification>{stem}.xml</Identification><Date_Mise_Jour>{maj}</Date_Mise_Jour></Donnees_Techniques>
<Dossier><Code_Juridiction>{court}</Code_Juridiction><Nom_Juridiction>Tribunal Administratif de {CITY[court]}</Nom_Juridiction>
<Numero_Dossier>{number}</Numero_Dossier><Date_Lecture>{date}</Date_Lecture><Type_Decision>Ordonnance</Type_Decision></Dossier>
<Audience><Date_Audience>{date}</Date_Audience><Formation_Jugement>Juge des référés</Formation_Jugement></Audience>
<Decision><Texte_Integral>{paras}</Texte_Integral></Decision>
</Document>""".encode()


def write_archive(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def one_run(db_path: str, dirs: list[str], filters: feed.IngestFilters = feed.IngestFilters()):
    """What the served flow does, without Prefect: collect, ingest, after_run."""
    started = dt.datetime.now(dt.timezone.utc)
    paths, skipped = serve.collect(db_path, dirs, filters)
    summary, counts = serve.ingest_paths(db_path, paths, filters, 1, EXTRACTOR_VERSION)
    with db.connect(db_path) as con:
        report = serve.after_run(con, summary, None, started, filters=filters,
                                 archives=[p for p in paths if p.endswith(".zip")],
                                 filtered=counts.filtered, outbox=db_path + ".alerts.jsonl")
    return paths, skipped, summary, report


# ---------------------------------------------------------------- filters

@pytest.mark.parametrize("court, since, topic, expected", [
    ("TA38,TA69", None, None, (("TA38", "TA69"), None, ())),
    ("ta38, TA38 ,caa69", None, None, (("CAA69", "TA38"), None, ())),
    (None, "2024-01-01", "anef,asile", ((), dt.date(2024, 1, 1), ("anef", "asile"))),
    ("CE", None, None, (("CE",), None, ())),
])
def test_filters_are_read_from_the_command_line(court, since, topic, expected):
    f = feed.IngestFilters.parse(court, since, topic)
    assert (f.courts, f.since, f.topics) == expected


@pytest.mark.parametrize("court, since, message", [
    ("Grenoble", None, "not an open-data court code"),
    ("TA3B", None, "not an open-data court code"),
    (None, "1er janvier 2024", "YYYY-MM-DD"),
])
def test_bad_filters_say_how_to_write_them(court, since, message):
    with pytest.raises(InvalidFilter, match=message):
        feed.IngestFilters.parse(court, since, None)


@pytest.mark.parametrize("code, date, admitted", [
    ("TA38", "2025-03-14", True),
    ("TA69", "2025-03-14", True),
    ("TA75", "2025-03-14", False),         # another court
    ("TA38", "2023-12-31", False),         # read before --since
    (None, None, True),                    # the XML does not say: extraction will tell
])
def test_xml_metadata_is_judged_before_extraction(code, date, admitted):
    f = feed.IngestFilters.parse("TA38,TA69", "2024-01-01", None)
    assert f.admits_meta(Metadata(code_juridiction=code, date_lecture=date)) is admitted


@pytest.mark.parametrize("path, archive", [
    ("/feed/TA_202503.zip!TA38/ORTA_2502403_20250314.xml", "/feed/TA_202503.zip"),
    ("/feed/TA_202503.ZIP!TA38/x.xml", "/feed/TA_202503.ZIP"),
    ("/feed/TA38/ORTA_2502403_20250314.xml", None),
])
def test_archive_of_a_member(path, archive):
    assert feed.archive_of(path) == archive


# ---------------------------------------------------------------- the feed, run after run

@pytest.mark.slow
def test_the_feed_is_ingested_incrementally(tmp_path):
    od = tmp_path / "opendata"
    base = str(tmp_path / "base.duckdb")
    march = write_archive(od / "TA_202503.zip", {
        "TA38/ORTA_2502403_20250314.xml": opendata_xml("TA38", "2502403", "2025-03-14", "2025-03-20"),
        "TA69/ORTA_2501111_20250312.xml": opendata_xml("TA69", "2501111", "2025-03-12", "2025-03-20"),
        "TA75/ORTA_2512345_20250310.xml": opendata_xml("TA75", "2512345", "2025-03-10", "2025-03-20"),
    })
    own = feed.IngestFilters.parse("TA38,TA69", None, None)

    # 1. The association's own courts only.
    paths, skipped, summary, report = one_run(base, [str(od)], own)
    assert (summary.loaded, report["filtered"], report["new"], report["archives"]) == (2, 1, 2, 1)
    with db.connect(base) as con:
        assert sorted(r[0] for r in con.execute("SELECT id FROM decisions").fetchall()) == \
            ["TA38_2502403_20250314", "TA69_2501111_20250312"]
        ledger_rows = con.execute("SELECT count(*) FROM ledger").fetchone()[0]

    # 2. The same archive again: skipped whole, without a ledger row more.
    paths, skipped, summary, report = one_run(base, [str(od)], own)
    assert (paths, skipped, summary.seen, report["new"]) == ([], [str(march)], 0, 0)
    # copied again (new mtime, same bytes): hashed, still skipped
    st = march.stat()
    os.utime(march, (st.st_atime, st.st_mtime + 3600))
    paths, skipped, summary, report = one_run(base, [str(od)], own)
    assert (paths, skipped) == ([], [str(march)])
    with db.connect(base) as con:
        assert con.execute("SELECT count(*) FROM ledger").fetchone()[0] == ledger_rows
        assert con.execute("SELECT mtime FROM archives").fetchone()[0] == march.stat().st_mtime

    # 3. April republishes the Grenoble order with a later Date_Mise_Jour and an astreinte.
    astreinte = "\nArticle 2 : Cette injonction est assortie d'une astreinte de 100 euros par jour de retard."
    write_archive(od / "TA_202504.zip", {
        "TA38/ORTA_2502403_20250314.xml": opendata_xml("TA38", "2502403", "2025-03-14", "2025-04-02",
                                                       extra=astreinte),
    })
    paths, skipped, summary, report = one_run(base, [str(od)], own)
    assert paths == [str(od / "TA_202504.zip")] and skipped == [str(march)]
    assert (report["new"], report["updated"], report["updated_ids"]) == (0, 1, ["TA38_2502403_20250314"])
    with db.connect(base) as con:
        rec = db.show(con, "TA38_2502403_20250314")
        assert [s["format"] for s in rec["sources"]] == ["xml", "xml"]
        assert "astreinte de 100 euros par jour" in rec["text"]
        assert [(a["amount_eur"], a["period"]) for a in rec["astreintes"]] == [(100.0, "jour")]
        versions = con.execute("SELECT date_mise_jour FROM decision_versions WHERE decision_id = "
                               "'TA38_2502403_20250314' ORDER BY 1").fetchall()
        assert versions == [("2025-03-20",), ("2025-04-02",)]

    # 4. An older version met afterwards (a back-filled archive) does not replace the newer one.
    write_archive(od / "TA_202503_bis.zip", {
        "TA38/ORTA_2502403_20250314.xml": opendata_xml("TA38", "2502403", "2025-03-14", "2025-03-25",
                                                       filed="11 mars 2025"),
    })
    paths, skipped, summary, report = one_run(base, [str(od)], own)
    assert (report["new"], report["updated"], summary.skipped) == (0, 0, 1)
    with db.connect(base) as con:
        assert "astreinte de 100 euros par jour" in db.show(con, "TA38_2502403_20250314")["text"]
        assert con.execute("SELECT reason FROM ledger WHERE path LIKE '%TA_202503_bis.zip!%'"
                           ).fetchone() == ("older-version",)

    # 5. Other filters: the March archive is read again, and only what was left out is loaded.
    paths, skipped, summary, report = one_run(base, [str(od)])
    assert str(march) in paths
    assert (report["new"], report["filtered"]) == (1, 0)
    assert report["new_ids"] == ["TA75_2512345_20250310"]


@pytest.mark.slow
def test_pdf_filters_apply_after_extraction(tmp_path, corpus_dir):
    """A PDF states its court only in its text: it is judged after extraction."""
    base = str(tmp_path / "base.duckdb")
    folder = tmp_path / "pdf"
    folder.mkdir()
    for stem in ("TA38_2506085_20250721", "TA69_2408813_20241003", "TA75_2514402_20250606"):
        (folder / f"{stem}.pdf").write_bytes((corpus_dir / "pdf" / f"{stem}.pdf").read_bytes())
    paths, skipped, summary, report = one_run(base, [str(folder)], feed.IngestFilters.parse("TA38", "2025-01-01", None))
    assert (summary.loaded, report["filtered"]) == (1, 2)
    with db.connect(base) as con:
        assert con.execute("SELECT id FROM decisions").fetchall() == [("TA38_2506085_20250721",)]
        # left out, not set aside: no ledger row, so that other filters later bring them in
        assert con.execute("SELECT count(*) FROM ledger WHERE path LIKE '%TA69%' OR path LIKE '%TA75%'"
                           ).fetchone()[0] == 0


# ---------------------------------------------------------------- one case per sql file

NOW = dt.datetime(2025, 7, 22, 9, 30)
G = "TA38_2506085_20250721"


def _seed(con):
    """The decision of tests/test_sql_queries.py, loaded from an XML source."""
    from test_sql_queries import V, the_decision
    db.load(con, the_decision(), None, V)


def case_archives_known(con):
    db.run(con, "archives_record", path="/f/TA_202503.zip", sha256="a" * 64, size=10, mtime=1.5,
           members=3, filters="", now=NOW)
    assert db.run(con, "archives_known", path="/f/TA_202503.zip").fetchone() == ("a" * 64, 10, 1.5, "")
    assert db.run(con, "archives_known", path="/f/other.zip").fetchone() is None


def case_archives_record(con):
    for size in (10, 12):
        db.run(con, "archives_record", path="/f/TA_202503.zip", sha256="a" * 64, size=size, mtime=1.5,
               members=3, filters='{"courts": ["TA38"]}', now=NOW)
    assert con.execute("SELECT count(*), max(size), max(filters) FROM archives").fetchone() == \
        (1, 12, '{"courts": ["TA38"]}')


def case_archives_touch(con):
    case_archives_known(con)
    db.run(con, "archives_touch", path="/f/TA_202503.zip", size=10, mtime=9.0, now=NOW)
    assert con.execute("SELECT mtime FROM archives").fetchone() == (9.0,)


def case_archives_touched(con):
    db.run(con, "ledger_record", sha256="c" * 64, path="/f/TA_202503.zip!TA38/x.xml",
           extractor_version="v", outcome="quarantined", reason="xml-malformed", message="m",
           decision_id=None, now=NOW)
    assert db.run(con, "archives_touched", since=NOW).fetchall() == [("/f/TA_202503.zip!TA38/x.xml",)]
    assert db.run(con, "archives_touched", since=NOW + dt.timedelta(seconds=1)).fetchall() == []


def case_archives_members(con):
    for i, outcome in enumerate(("quarantined", "retriable")):
        db.run(con, "ledger_record", sha256=str(i) * 64, path=f"/f/TA_202503.zip!TA38/{i}.xml",
               extractor_version="v", outcome=outcome, reason="r", message="m", decision_id=None, now=NOW)
    assert db.run(con, "archives_members", prefix="/f/TA_202503.zip!", path="/f/TA_202503.zip",
                  since=NOW).fetchone() == (2, 1, 0)


def case_archives_version_record(con):
    _seed(con)
    from test_sql_queries import SHA
    db.run(con, "archives_version_record", decision_id=G, sha256=SHA, date_mise_jour="2025-07-23",
           path="/in/2506085.xml", now=NOW)
    db.run(con, "archives_version_record", decision_id=G, sha256="d" * 64, date_mise_jour="2025-09-01",
           path="/in/gone.xml", now=NOW)                       # not loaded: not recorded
    assert con.execute("SELECT sha256, date_mise_jour FROM decision_versions").fetchall() == \
        [(SHA, "2025-07-23")]


def case_archives_version_newest(con):
    assert db.run(con, "archives_version_newest", decision_id=G).fetchone() == (None,)
    case_archives_version_record(con)
    assert db.run(con, "archives_version_newest", decision_id=G).fetchone() == ("2025-07-23",)


def _alert(con, name="isere", query=None, filters="{}", webhook=None):
    db.run(con, "alerts_add", name=name, query=query, filters=filters, webhook=webhook, now=NOW)


def case_alerts_add(con):
    _alert(con, query="rendez-vous")
    _alert(con, query="astreinte", webhook="http://127.0.0.1:9/h")
    assert con.execute("SELECT name, query, webhook FROM alerts").fetchall() == \
        [("isere", "astreinte", "http://127.0.0.1:9/h")]


def case_alerts_remove(con):
    _alert(con)
    assert db.run(con, "alerts_remove", name="isere").fetchone() == ("isere",)
    assert db.run(con, "alerts_remove", name="isere").fetchone() is None


def case_alerts_match_record(con):
    _seed(con)
    _alert(con)
    assert db.run(con, "alerts_match_record", alert_name="isere", decision_id=G, run_id="r1",
                  now=NOW).fetchone() == (G,)
    assert db.run(con, "alerts_match_record", alert_name="isere", decision_id=G, run_id="r2",
                  now=NOW).fetchone() is None


def case_alerts_list(con):
    case_alerts_match_record(con)
    db.run(con, "alerts_delivery", idempotency_key="k", channel="webhook", alert_name="isere",
           decision_id=G, target="http://127.0.0.1:9/h", status="pending", attempts=4,
           last_error="refused", now=NOW)
    row = db.run(con, "alerts_list", last=3).fetchone()
    assert row[0] == "isere" and row[5:] == (1, NOW, [G], {"pending": 1})


def case_alerts_match(con):
    _seed(con)
    nothing = {k: None for k in db.SEARCH_FILTERS}
    match = dict(ids=[G, "other"], **nothing)
    assert db.run(con, "alerts_match", **match).fetchall() == [(G,)]
    assert db.run(con, "alerts_match", **{**match, "court_code": "TA69"}).fetchall() == []
    assert db.run(con, "alerts_match", **{**match, "astreinte": True}).fetchall() == []
    assert db.run(con, "alerts_match", **{**match, "has_injunction": True}).fetchall() == [(G,)]


def case_alerts_payload(con):
    case_alerts_match_record(con)
    row = db.run(con, "alerts_payload", alert_name="isere", decision_id=G).fetchone()
    assert row[5] == "TA38" and row[11] == ["2506085"]


def case_alerts_delivery(con):
    for status in ("pending", "sent"):
        db.run(con, "alerts_delivery", idempotency_key="k", channel="webhook", alert_name="isere",
               decision_id=G, target="http://127.0.0.1:9/h", status=status, attempts=2,
               last_error=None, now=NOW)
    assert con.execute("SELECT count(*), max(status) FROM deliveries").fetchone() == (1, "sent")


def case_alerts_undelivered(con):
    case_alerts_match_record(con)
    assert db.run(con, "alerts_undelivered", default_webhook=None, with_outbox=True).fetchall() == \
        [("isere", G, None, True, False, 0)]
    db.run(con, "alerts_delivery", idempotency_key="k", channel="outbox", alert_name="isere",
           decision_id=G, target="/o.jsonl", status="sent", attempts=1, last_error=None, now=NOW)
    assert db.run(con, "alerts_undelivered", default_webhook="http://127.0.0.1:9/h",
                  with_outbox=True).fetchall() == [("isere", G, "http://127.0.0.1:9/h", False, True, 0)]


def case_runs_changed(con):
    _seed(con)                                                  # loaded "now"
    assert db.run(con, "runs_changed", since=dt.datetime(2000, 1, 1)).fetchall() == [(G, False)]
    assert db.run(con, "runs_changed", since=dt.datetime(2999, 1, 1)).fetchall() == []


def _report(**extra):
    r = dict(run_id="r1", started_at=NOW, finished_at=NOW + dt.timedelta(seconds=3), duration_s=3.0,
             seen=3, new=1, updated=1, skipped=1, quarantined=0, filtered=2, archives=1,
             alerts_matched=1, alerts_sent=1, alerts_pending=0, published=None)
    r.update(extra)
    return r


def case_runs_record(con):
    db.run(con, "runs_record", **_report())
    db.run(con, "runs_record", **_report(new=2))
    assert con.execute("SELECT count(*), max(new) FROM runs").fetchone() == (1, 2)


def case_runs_last(con):
    db.run(con, "runs_record", **_report())
    db.run(con, "runs_record", **_report(run_id="r2", started_at=NOW + dt.timedelta(days=1)))
    assert [r[0] for r in db.run(con, "runs_last", n=5).fetchall()] == ["r2", "r1"]


def case_schema_feed(con):
    db.run(con, "schema_feed")                                  # again: idempotent
    assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)


SQL_CASES = {name.removeprefix("case_"): f for name, f in globals().items() if name.startswith("case_")}
OWN_SQL = [n for n in db.sql_names() if n.startswith(("alerts", "runs", "archives")) or n == "schema_feed"]


def test_every_sql_file_of_the_feed_has_a_case():
    assert sorted(SQL_CASES) == sorted(OWN_SQL)


@pytest.mark.parametrize("name", sorted(SQL_CASES))
def test_sql_file(name):
    con = db.connect(":memory:")
    try:
        SQL_CASES[name](con)
    finally:
        con.close()


# ---------------------------------------------------------------- the members of an archive in a plan

def test_a_plan_keeps_the_names_of_an_archives_members_and_the_workers_read_them(tmp_path):
    """The to-do list of a run over an archive holds its members' names, not their bytes (a year
    of archives would be gigabytes): each member is read again from the archive when it is
    extracted. An archive moved away in between leaves its members retriable ('vanished'), and
    the next run loads them."""
    import hashlib
    from greffe import ingest, pipeline
    members = {f"TA38/ORTA_{n}_20250314.xml": opendata_xml("TA38", n, "2025-03-14", "2025-03-20")
               for n in ("2500001", "2500002")}
    archive = write_archive(tmp_path / "in" / "TA_202503.zip", members)
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        todo, done = ingest.plan([str(archive)], con, EXTRACTOR_VERSION)
        assert list(done) == [] and [item.data for item, _ in todo] == [None, None]
        assert [item.path for item, _ in todo] == [f"{archive}!{name}" for name in members]
        assert [pipeline.content(item) for item, _ in todo] == list(members.values())
        assert [sha for _, sha in todo] == [hashlib.sha256(b).hexdigest() for b in members.values()]

        archive.rename(tmp_path / "elsewhere.zip")
        summary = ingest.RunSummary()
        ingest.store(con, ingest.process_all(todo), summary, EXTRACTOR_VERSION)
        assert summary.loaded == 0 and not summary.quarantined
        assert [(path, reason) for path, reason, _ in summary.retriable] == [
            (item.path, "vanished") for item, _ in todo]

        (tmp_path / "elsewhere.zip").rename(archive)
        todo, _ = ingest.plan([str(archive)], con, EXTRACTOR_VERSION)
        again = ingest.RunSummary()
        ingest.store(con, ingest.process_all(todo, jobs=2), again, EXTRACTOR_VERSION)
        assert again.loaded == 2 and not again.retriable
        assert con.execute("SELECT count(*) FROM decisions").fetchone() == (2,)


def test_a_second_member_of_the_same_name_is_refused(tmp_path):
    """A member is read again by its name (opendata.read_member): of two members of one name,
    the second is refused instead of being read as the first."""
    from greffe import opendata
    path = tmp_path / "twice.zip"
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "w") as z:
        z.writestr("TA38/a.xml", b"<first/>")
        z.writestr("TA38/a.xml", b"<second/>")
    (first, data), (second, refused) = opendata.iter_zip(str(path))
    assert (first, data) == (f"{path}!TA38/a.xml", b"<first/>") == (second, data)
    assert refused.reason == "zip-duplicate-name" and "only the first was read" in str(refused)
    assert opendata.read_member(str(path), first) == b"<second/>"  # why: a name reads the last


def test_discovery_lists_one_folder_at_a_time_in_sorted_path_order(tmp_path):
    """discover walks a folder in the order of sorted(rglob) (a folder's files before the names
    that sort after it), without holding every path of the tree; links to folders are not
    followed, as rglob does not."""
    from greffe import pipeline
    for rel in ("b.xml", "b/x.pdf", "a.xml", "B/z.xml", "c/d/e.xml", ".h.xml", "a b.xml",
                "b-c.xml", "é.xml", "notes.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "c")
    expected = [str(f) for f in sorted(tmp_path.rglob("*"))
                if f.is_file() and f.suffix in (".xml", ".pdf")]
    assert [item.path for item in pipeline.discover([tmp_path])] == expected
    assert [str(p.relative_to(tmp_path)) for p in map(Path, expected)] == [
        ".h.xml", "B/z.xml", "a b.xml", "a.xml", "b/x.pdf", "b-c.xml", "b.xml", "c/d/e.xml", "é.xml"]
