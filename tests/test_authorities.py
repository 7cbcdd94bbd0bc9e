"""Authority keys: one per administration, the rule of extractors/authorities.py."""
from __future__ import annotations

import pytest

from extractors.authorities import authority_key


@pytest.mark.parametrize("name, key", [
    # préfets
    ("préfète de l'Isère", "prefet:isere"),
    ("le préfet de la Seine-Saint-Denis", "prefet:seine-saint-denis"),
    ("préfet du Rhône", "prefet:rhone"),
    ("préfet des Alpes-de-Haute-Provence", "prefet:alpes-de-haute-provence"),
    ("préfet du Val-d'Oise", "prefet:val-d-oise"),
    ("préfet de police", "prefet-de-police"),
    ("préfet de police de Paris", "prefet-de-police"),
    # ministres: the portfolio's content words, in the usual order
    ("ministre de l'intérieur", "ministre:interieur"),
    ("ministre de l'économie, des finances et de la relance", "ministre:economie-finances-relance"),
    ("ministre des finances, de l'économie et de la relance", "ministre:economie-finances-relance"),
    ("ministre de la transition écologique et solidaire", "ministre:transition-ecologique-solidaire"),
    ("ministre de transition écologique", "ministre:transition-ecologique"),
    ("ministre de la cohésion des territoires et des relations avec les collectivités territoriales",
     "ministre:cohesion-territoires-relations-avec-collectivites-territoriales"),
    ("garde des sceaux, ministre de la justice", "ministre:justice"),
    ("ministre de l'Europe et des affaires étrangères", "ministre:europe-affaires-etrangeres"),
    ("Premier ministre", "premier-ministre"),
    # collectivités and other placed bodies keep the place's own small words
    ("commune de Val d'Isère", "commune:val-d-isere"),
    ("commune d'Hyères", "commune:hyeres"),
    ("commune de Théoule-sur-Mer", "commune:theoule-sur-mer"),
    ("ville de Paris", "commune:paris"),
    ("département d'Ille-et-Vilaine", "departement:ille-et-vilaine"),
    ("communauté d'agglomération du Pays Basque", "communaute-agglomeration:pays-basque"),
    ("communauté d'agglomération du Grand Montauban", "communaute-agglomeration:grand-montauban"),
    ("Mont-de-Marsan Agglomération", "communaute-agglomeration:mont-de-marsan"),
    ("communauté d'agglomération Quimper Bretagne Occidentale", "communaute-agglomeration:quimper-bretagne-occidentale"),
    ("université de Pau et des Pays de l'Adour", "universite:pau-et-des-pays-de-l-adour"),
    ("centre hospitalier Sainte-Marie de Privas", "centre-hospitalier:sainte-marie-de-privas"),
    ("directeur régional des finances publiques d'Occitanie", "drfip:occitanie"),
    # national bodies: their acronym
    ("Office français de protection des réfugiés et apatrides (OFPRA)", "ofpra"),
    ("l'Office français de l'immigration et de l'intégration", "ofii"),
    ("OFII", "ofii"),
    ("Agence nationale des titres sécurisés", "ants"),
    ("Commission nationale d'aménagement commercial", "cnac"),
    ("Agence centrale des organismes de sécurité sociale", "acoss"),
    ("Caisse nationale de retraites des agents des collectivités locales", "cnracl"),
    ("Autorité des marchés financiers", "amf"),
    # any other public body: its whole name
    ("Autorité de la concurrence", "autorite-de-la-concurrence"),
    ("Ecole centrale de Lyon", "ecole-centrale-de-lyon"),
    ('association foncière urbaine autorisée " Les jardins de Sérignan "',
     "association-fonciere-urbaine-autorisee-les-jardins-de-serignan"),
])
def test_authority_key(name, key):
    assert authority_key(name) == key


def test_every_gold_authority_is_reproduced(shared_dir):
    """The key of every administration and collectivité of the gold parties, from its name."""
    import json
    wrong = []
    for path in sorted((shared_dir / "corpus" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for p in gold["fields"].get("parties", []):
            if p.get("authority") and authority_key(p["name"]) != p["authority"]:
                wrong.append((p["name"], p["authority"], authority_key(p["name"])))
    assert wrong == []
