"""The researchers' views of sql/views.sql (decisions_v, injunctions_v, astreintes_v, parties_v,
citations_v), on a base made of the 32 orders of corpus/, checked against corpus/gold."""
from __future__ import annotations

import datetime as dt

import pytest

from corpus_base import base, gold, ro  # noqa: F401  (fixtures)
from greffe import db
from greffe.citation import citation

VIEWS = ("decisions_v", "injunctions_v", "astreintes_v", "parties_v", "citations_v")
pytestmark = pytest.mark.slow


def rows(con, sql, *params) -> list[dict]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def test_the_views_are_in_a_new_base():
    con = db.connect(":memory:")
    found = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(VIEWS) <= found
    assert con.execute("SELECT count(*) FROM decisions_v").fetchone() == (0,)


def test_the_views_are_in_the_published_snapshot_and_every_column_is_documented(ro):
    cols = rows(ro, "SELECT table_name, column_name, comment FROM duckdb_columns() "
                    "WHERE table_name IN (SELECT unnest($1::VARCHAR[]))", list(VIEWS))
    assert {c["table_name"] for c in cols} == set(VIEWS)
    assert [c for c in cols if not c["comment"]] == []
    documented = {r[0] for r in ro.execute("SELECT view_name FROM duckdb_views() WHERE comment IS NOT NULL").fetchall()}
    assert set(VIEWS) <= documented


def test_one_row_per_decision_injunction_astreinte_party(ro, corpus_dir):
    g = gold(corpus_dir)
    assert ro.execute("SELECT count(*), count(DISTINCT id) FROM decisions_v").fetchone() == (len(g), len(g))
    assert ro.execute("SELECT count(*) FROM injunctions_v").fetchone()[0] == sum(len(f["injunctions"]) for f in g.values())
    for view, table in (("injunctions_v", "injunctions"), ("astreintes_v", "astreintes"), ("parties_v", "parties")):
        assert ro.execute(f"SELECT count(*) FROM {view}").fetchone() == ro.execute(f"SELECT count(*) FROM {table}").fetchone()


def _expected(f: dict) -> dict:
    """What decisions_v must say of one order, computed from its gold record."""
    pronounced = [a for a in f["astreintes"] if a["status"] == "prononcee"]
    set_limits = [d for d in f["deadlines"] if d["status"] == "prononce"]
    return {
        "court_code": f["court"]["code"], "court_kind": f["court"]["kind"], "court_city": f["court"]["city"],
        "decision_date": dt.date.fromisoformat(f["decision_date"]), "case_number": f["case_numbers"][0],
        "procedure": f["procedure"], "decision_type": f["decision_type"],
        "outcomes": sorted(f["outcomes"]),
        "has_injunction": bool(f["injunctions"]), "injunctions": len(f["injunctions"]),
        "astreinte_pronounced": bool(pronounced),
        "astreinte_max_eur": max((a["amount_eur"] for a in pronounced if a["amount_eur"] is not None), default=None),
        "astreinte_liquidated": any(a["status"] == "liquidee" for a in f["astreintes"]),
        "deadline_days": min((d["days"] for d in set_limits if d["days"] is not None), default=None),
        "deadline_months": min((d["months"] for d in set_limits if d["months"] is not None), default=None),
        "judges": f["judges"],
    }


def test_decisions_v_says_what_the_gold_says(ro, corpus_dir):
    """Court, date, procedure, outcomes, injunctions, the astreinte pronounced and its largest
    amount, the shortest time limit set: for each of the 32 orders, as the gold records them."""
    got = {r["id"]: r for r in rows(ro, "SELECT * FROM decisions_v")}
    wrong = []
    for stem, f in gold(corpus_dir).items():
        row = dict(got[stem], outcomes=sorted(got[stem]["outcomes"]))
        if row["astreinte_max_eur"] is not None:
            row["astreinte_max_eur"] = float(row["astreinte_max_eur"])
        wrong += [(stem, k, v, row[k]) for k, v in _expected(f).items() if row[k] != v]
    assert wrong == []


@pytest.mark.parametrize("stem, citation_text, astreinte, days, months", [
    ("TA38_2506085_20250721", "TA Grenoble, ord., 21 juill. 2025, n° 2506085", 500, None, 2),
    ("TA77_2317376_20231221", "TA Melun, ord., 21 déc. 2023, nos 2317376, 2317377", None, None, 1),
    ("TA75_2321087_20240627", "TA Paris, 27 juin 2024, n° 2321087", None, None, 4),
    ("CAA75_21PA02971_20220208", "CAA Paris, 8 févr. 2022, n° 21PA02971", None, None, 1),
    ("TA93_2504470_20250528", "TA Montreuil, ord., 28 mai 2025, n° 2504470", 100, 8, None),
])
def test_rows_read_in_the_orders(ro, stem, citation_text, astreinte, days, months):
    """Values read in the PDFs themselves (the dispositif of each order)."""
    (r,) = rows(ro, "SELECT * FROM decisions_v WHERE id = ?", stem)
    assert r["citation"] == citation_text
    assert (r["astreinte_max_eur"], r["deadline_days"], r["deadline_months"]) == (astreinte, days, months)


def test_the_sql_citation_is_the_python_citation(ro):
    for r in rows(ro, "SELECT * FROM decisions_v"):
        court = {"kind": r["court_kind"], "city": r["court_city"], "code": r["court_code"], "name": r["court_name"]}
        assert r["citation"] == citation(court, r["decision_type"], r["decision_date"], r["case_numbers"])


def test_injunctions_v_carries_the_time_limit_and_astreinte_of_each_injunction(ro):
    (r,) = rows(ro, "SELECT * FROM injunctions_v WHERE decision_id = 'TA38_2506085_20250721'")
    assert (r["authority"], r["authority_kind"], r["deadline_months"], r["deadline_anchor"]) == \
        ("prefet:isere", "prefet", 2, "notification")
    assert (float(r["astreinte_amount_eur"]), r["astreinte_period"], r["astreinte_status"]) == (500.0, "jour", "prononcee")
    assert r["measure"].startswith("mettre en place des modalités alternatives non dématérialisées")


def test_astreintes_v_and_parties_v(ro):
    statuses = rows(ro, "SELECT status, amount_eur FROM astreintes_v WHERE decision_id = 'TA33_2500412_20250213' "
                        "ORDER BY ordinal")
    got = {(s["status"], s["amount_eur"]) for s in statuses}
    assert {("prononcee", 100), ("liquidee", 50), ("liquidee", None)} <= got   # a lump sum liquidated has no amount
    cimade = rows(ro, "SELECT decision_id, role FROM parties_v WHERE name ILIKE '%La Cimade%' AND kind = 'association'")
    assert {c["decision_id"] for c in cimade} >= {"TA38_2506085_20250721", "TA13_2409914_20241205"}
    assert {c["role"] for c in cimade} <= {"requerant", "intervenant"}
