"""Parties: the notification article, roles from the visas, kinds and authority keys."""
from __future__ import annotations

import pytest

from extractors.parties import clean_name, find_parties, party_kind, split_addressees
from greffe.model import Metadata

NO_META = Metadata()


def parties_of(text):
    return [(p.name, p.role, p.kind, p.authority) for p in find_parties(text, (), NO_META)]


@pytest.mark.parametrize("list_text, names", [
    ("à M. A D, à la ministre de la transition écologique et solidaire et au ministre de l'économie, des finances "
     "et de la relance", ["M. A D", "ministre de la transition écologique et solidaire",
                          "ministre de l'économie, des finances et de la relance"]),
    ("à la société à responsabilité limitée Logis de Berri et à la ville de Paris",
     ["société à responsabilité limitée Logis de Berri", "ville de Paris"]),
    ("à M. E C et Mme F D", ["M. E C", "Mme F D"]),
    ("à M. et Mme B O et au ministre des finances", ["M. et Mme B O", "ministre des finances"]),
    ("à l'Association pour la reconnaissance des droits des personnes homosexuelles et trans à l'immigration et au "
     "séjour, désignée représentante unique, et à l'Office français de protection des réfugiés et apatrides",
     ["Association pour la reconnaissance des droits des personnes homosexuelles et trans à l'immigration et au séjour",
      "Office français de protection des réfugiés et apatrides"]),
    ("à la société France Télévisions à la société Télévision Française 1 et à l'Autorité de la concurrence",
     ["société France Télévisions", "société Télévision Française 1", "Autorité de la concurrence"]),
    ("à M. A B et à Mme E C, ainsi qu'au ministre de l'économie", ["M. A B", "Mme E C", "ministre de l'économie"]),
    ("à la société Merlin, à la la société Sogea Bretagne BTP", ["société Merlin", "société Sogea Bretagne BTP"]),
])
def test_split_the_notification_list(list_text, names):
    assert [clean_name(s) for s, _, _ in split_addressees(list_text)] == names


@pytest.mark.parametrize("name, kind", [
    ("M. A D", "personne"), ("Mme D C, épouse A", "personne"), ("M. et Mme B O", "personne"),
    ("association La Quadrature du Net", "association"), ("société Free", "societe"), ("SCI Le Trou d'Houillet", "societe"),
    ("Compagnie électrique de Bretagne", "societe"), ("commune de Limay", "collectivite"), ("ville de Paris", "collectivite"),
    ("Mont-de-Marsan Agglomération", "collectivite"), ("ministre de l'intérieur", "administration"),
    ("préfète de l'Isère", "administration"), ("Office français de l'immigration et de l'intégration", "administration"),
    ("Premier ministre", "administration"), ("université de Pau et des Pays de l'Adour", "administration"),
    ('association foncière urbaine autorisée " Les jardins de Sérignan "', "administration"),
    ("syndicat national de l'enseignement privé CFE-CGC", "autre"),
    ("Conseil national de l'ordre des chirurgiens-dentistes", "autre"),
    # associations named without the word `association`: by their first word, by name, by acronym
    ("Ligue des droits de l'Homme", "association"), ("collectif Droit au séjour", "association"),
    ("La Cimade", "association"), ("Comité inter-mouvements auprès des évacués (Cimade)", "association"),
    ("Groupe d'information et de soutien des immigré·e·s (GISTI)", "association"),
    ("Groupe d'information et de soutien des immigrés", "association"),
    ("Avocats pour la défense des droits des étrangers (ADDE)", "association"),
    ("Association nationale d'assistance aux frontières pour les étrangers (Anafé)", "association"),
    ("Fédération des associations de solidarité avec tou·te·s les immigré·e·s (FASTI)", "association"),
    ("Secours catholique", "association"), ("Médecins du monde", "association"),
    # ... but not a trade union, a federation or a hospital group named otherwise
    ("Syndicat des avocats de France", "autre"), ("Fédération française d'équitation", "autre"),
    ("Groupement hippique national", "autre"),
    # a capital without its accent (`Ecole`, `Etablissement`) is still a public body
    ("Ecole centrale de Lyon", "administration"), ("Etablissement public foncier de Normandie", "administration"),
])
def test_party_kind(name, kind):
    assert party_kind(name) == kind


def test_a_referé_order_of_a_tribunal():
    text = ("Vu la procédure suivante :\nPar une requête enregistrée le 3 juillet 2025, M. B D C et l'association "
            "La Cimade demandent au juge des référés, sur le fondement de l'article L. 521-2 du code de justice "
            "administrative, d'enjoindre à la préfète de l'Isère de lui délivrer un rendez-vous.\n"
            "Par un mémoire en défense, la préfète de l'Isère conclut au rejet de la requête.\n"
            "Considérant ce qui suit :\n1. ...\nO R D O N N E :\nArticle 1er : ...\n"
            "Article 3 : La présente ordonnance sera notifiée à M. B D C, à l'association La Cimade et à la préfète "
            "de l'Isère.\nFait à Grenoble, le 21 juillet 2025.\n")
    assert parties_of(text) == [
        ("M. B D C", "requerant", "personne", None),
        ("association La Cimade", "requerant", "association", None),
        ("préfète de l'Isère", "defendeur", "administration", "prefet:isere"),
    ]


def test_a_pourvoi_notified_to_the_requerant_only_makes_the_copy_the_defendeur():
    text = ("Vu la procédure suivante :\nPar un pourvoi sommaire et un mémoire complémentaire, enregistrés les 3 mai "
            "et 2 août 2021 au secrétariat du contentieux du Conseil d'Etat, la société Nutreco France demande au "
            "Conseil d'Etat d'annuler l'arrêt ...\nConsidérant ce qui suit :\n1. ...\nD E C I D E :\n"
            "Article 2 : La présente décision sera notifiée à la société Nutreco France.\n"
            "Copie en sera adressée au ministre de l'économie, des finances et de la relance.\n")
    assert parties_of(text) == [
        ("société Nutreco France", "requerant", "societe", None),
        ("ministre de l'économie, des finances et de la relance", "defendeur", "administration",
         "ministre:economie-finances-relance"),
    ]


def test_a_copy_is_not_a_party_when_the_defendeur_is_notified():
    text = ("Vu la procédure suivante :\nPar une requête, enregistrée le 3 mai 2021 au secrétariat du contentieux du "
            "Conseil d'Etat, Mme D C demande au Conseil d'Etat d'annuler ...\nConsidérant ce qui suit :\n"
            "D E C I D E :\nArticle 3 : La présente décision sera notifiée à Mme D C et au ministre des solidarités et "
            "de la santé.\nCopie en sera adressée au ministre de l'intérieur.\n")
    assert [p[:2] for p in parties_of(text)] == [("Mme D C", "requerant"), ("ministre des solidarités et de la santé", "defendeur")]


def test_intervenant_and_joined_requerants():
    text = ("Vu les procédures suivantes :\n1° Sous le n° 435984, par une requête, enregistrée au secrétariat du "
            "contentieux du Conseil d'Etat, la société Free demande au Conseil d'Etat d'annuler ...\n"
            "Par une intervention et un nouveau mémoire, enregistrés les 26 octobre 2020 et 9 avril 2021, la société "
            "Molotov demande que le Conseil d'Etat fasse droit aux conclusions de la requête.\n"
            "2° Sous le n° 439527, par une requête, enregistrée au secrétariat du contentieux du Conseil d'Etat, la "
            "société Iliad demande au Conseil d'Etat d'annuler ...\nConsidérant ce qui suit :\nD E C I D E :\n"
            "Article 4 : La présente décision sera notifiée à la société Free, à la société Iliad, à la société "
            "Molotov, à la société France Télévisions et à l'Autorité de la concurrence.\n")
    assert [p[:2] for p in parties_of(text)] == [
        ("société Free", "requerant"), ("société Iliad", "requerant"), ("société Molotov", "intervenant"),
        ("société France Télévisions", "defendeur"), ("Autorité de la concurrence", "defendeur")]


def test_first_named_requerant_and_the_others_of_the_visas():
    text = ("Vu la procédure suivante :\nPar une requête, enregistrée le 3 mai 2021 au secrétariat du contentieux du "
            "Conseil d'Etat, Mme G B et la société Prado Paradis Patrimoine demandent au Conseil d'Etat d'annuler ...\n"
            "Considérant ce qui suit :\nD E C I D E :\nArticle 3 : La présente décision sera notifiée à Mme G B, "
            "première requérante dénommée, et à l'Autorité des marchés financiers.\n"
            "Copie en sera transmise au ministre de l'économie, des finances et de la relance.\n")
    assert [p[:2] for p in parties_of(text)] == [
        ("Mme G B", "requerant"), ("Autorité des marchés financiers", "defendeur"),
        ("société Prado Paradis Patrimoine", "requerant")]


def test_no_notification_no_parties():
    assert find_parties("Vu la requête\nConsidérant\n", (), NO_META) == ()


def test_without_notification_the_visas_name_the_parties():
    text = ("Vu la procédure suivante :\nPar une requête enregistrée le 3 juillet 2025, M. B D C, représenté par "
            "Me Paul Santini, demande au juge des référés d'enjoindre ...\nPar un mémoire en défense, enregistré le "
            "5 juillet 2025, la préfète de l'Isère conclut au rejet de la requête.\nConsidérant ce qui suit :\n1. ...")
    assert parties_of(text) == [("M. B D C", "requerant", "personne", None),
                                ("préfète de l'Isère", "defendeur", "administration", "prefet:isere")]


def test_appeal_by_a_prefet_who_only_receives_a_copy_and_lists_of_associations():
    text = ("Vu la procédure suivante :\nPar une requête enregistrée le 30 mai 2023, la préfète de l'Ain demande à la "
            "cour d'annuler ce jugement.\nConsidérant ce qui suit :\nDÉCIDE :\nArticle 4 : Le présent arrêt sera "
            "notifié au ministre de l'intérieur et à Mme G... H.... Copie en sera adressée à la préfète de l'Ain.\n")
    assert ("préfète de l'Ain", "requerant") in [p[:2] for p in parties_of(text)]
    text = ("Vu la procédure suivante :\nPar une requête enregistrée le 12 novembre 2024, l'association La Cimade, "
            "l'Association des avocats pour la défense des droits des étrangers (ADDE), la Ligue des droits de l'Homme "
            "et l'association Marseille Accueil Exilés, représentés par Me Paul Santini, demandent au juge des référés "
            "d'enjoindre ...\nConsidérant ce qui suit :\nO R D O N N E :\nArticle 4 : La présente ordonnance sera "
            "notifiée à l'association La Cimade, première dénommée, pour l'ensemble des requérants, et au préfet des "
            "Bouches-du-Rhône.\nFait à Marseille, le 5 décembre 2024.\n")
    assert [p[:2] for p in parties_of(text)] == [
        ("association La Cimade", "requerant"), ("préfet des Bouches-du-Rhône", "defendeur"),
        ("Association des avocats pour la défense des droits des étrangers (ADDE)", "requerant"),
        ("Ligue des droits de l'Homme", "requerant"), ("association Marseille Accueil Exilés", "requerant")]


def test_an_avocat_notified_is_not_a_party():
    text = ("Vu la requête\nM. A demande au juge des référés d'ordonner ...\nConsidérant\nO R D O N N E :\n"
            "Article 2 : La présente ordonnance sera notifiée à M. A, à Me Chloé Baudin et au préfet des Alpes-Maritimes.\n")
    assert [p[0] for p in parties_of(text)] == ["M. A", "préfet des Alpes-Maritimes"]


def test_spans_point_at_the_names():
    text = ("Vu la requête\nM. A demande au juge des référés d'ordonner ...\nConsidérant\nO R D O N N E :\n"
            "Article 2 : La présente ordonnance sera notifiée à M. A et au ministre de l'intérieur.\n")
    for p in find_parties(text, (), NO_META):
        assert p.name in p.span.of(text)


@pytest.mark.slow
def test_parties_f1_on_the_gold(shared_dir):
    """Parties F1 over the 100 annotated decisions, with the scorer's own matching: >= 0.90."""
    import json
    import sys
    sys.path.insert(0, str(shared_dir / "tools"))
    import score
    from greffe.opendata import read_xml
    corpus = shared_dir / "corpus"
    tp = fp = fn = 0
    for path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "parties" not in gold["annotated"]:
            continue
        doc = read_xml((corpus / "xml" / gold["identification"]).read_bytes(), gold["identification"])
        pred = [{"name": p.name, "role": p.role} for p in find_parties(doc.text, (), doc.meta)]
        g = score.distinct(score.party_key(p) for p in gold["fields"]["parties"])
        q = score.distinct(score.party_key(p) for p in pred)
        t = score.match_count(g, q, score.parties_match)
        tp, fp, fn = tp + t, fp + len(q) - t, fn + len(g) - t
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90, f1


@pytest.mark.slow
def test_the_institution_ruler(nlp):
    """The spaCy NER alone tags `préfète de l'Isère` as a place; the ruler makes it an ORG."""
    doc = nlp("La préfète de l'Isère et le préfet de la Seine-Saint-Denis ont saisi le tribunal administratif de "
              "Grenoble ; le ministre de l'intérieur et l'OFII concluent au rejet.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert {"préfète de l'Isère", "préfet de la Seine-Saint-Denis", "tribunal administratif de Grenoble",
            "ministre de l'intérieur", "OFII"} <= orgs


def test_an_intervention_the_court_admits_makes_an_intervenant():
    text = ("Vu la procédure suivante :\nPar un pourvoi, enregistré le 3 mai 2019, la ministre du travail demande au "
            "Conseil d'Etat d'annuler l'arrêt ...\nConsidérant ce qui suit :\n2. Le syndicat X justifie d'un intérêt.\n"
            "D E C I D E :\nArticle 1er : L'intervention du syndicat Fédération de l'enseignement privé FEP-CFDT est admise.\n"
            "Article 6 : La présente décision sera notifiée à la ministre du travail, de l'emploi et de l'insertion, à la "
            "Fédération nationale Force Ouvrière et au syndicat Fédération de l'enseignement privé FEP-CFDT.\n")
    assert [p[:2] for p in parties_of(text)] == [
        ("ministre du travail, de l'emploi et de l'insertion", "requerant"),
        ("Fédération nationale Force Ouvrière", "defendeur"),
        ("syndicat Fédération de l'enseignement privé FEP-CFDT", "intervenant")]


def test_a_line_break_after_a_civility_does_not_end_the_list():
    text = ("Vu la requête\nM. A D demande au juge des référés d'ordonner ...\nConsidérant\nO R D O N N E :\n"
            "Article 2 : La présente ordonnance sera notifiée à M.\nA D et au ministre de l'intérieur.\n")
    assert [p[0] for p in parties_of(text)] == ["M. A D", "ministre de l'intérieur"]


def test_requerants_called_associations_requerantes_are_associations_whatever_their_name():
    text = ("Vu la procédure suivante :\nPar une requête, l'Office dauphinois des travailleurs immigrés (ODTI), "
            "l'Institut des droits de l'homme du barreau de Grenoble (IDH) et l'association La Cimade "
            "demandent au juge des référés d'enjoindre à la préfète de l'Isère de rétablir un accueil physique.\n"
            "Considérant ce qui suit :\n1. Les associations requérantes soutiennent que l'accueil est fermé.\n"
            "O R D O N N E :\nArticle 1er : La requête est rejetée.\n"
            "Article 2 : La présente ordonnance sera notifiée à l'Office dauphinois des travailleurs immigrés (ODTI), "
            "à l'Institut des droits de l'homme du barreau de Grenoble (IDH), à l'association La Cimade "
            "et à la préfète de l'Isère.\n")
    from extractors.zones import find_zones
    from greffe.model import Metadata
    kinds = {p.name: (p.role, p.kind, p.authority) for p in find_parties(text, find_zones(text), Metadata())}
    assert kinds["Office dauphinois des travailleurs immigrés (ODTI)"] == ("requerant", "association", None)
    assert kinds["Institut des droits de l'homme du barreau de Grenoble (IDH)"] == ("requerant", "association", None)
    assert kinds["préfète de l'Isère"] == ("defendeur", "administration", "prefet:isere")


# A letter of an acronym misread by OCR in the notification, read right everywhere else.
_MFT = ("Par un pourvoi, la société MFT Théoule IV demande au Conseil d'Etat d'annuler ce jugement. "
        "Vu les autres pièces du dossier ; la société MFT Théoule IV soutient que ... "
        "le maire a délivré à la société civile immobilière MET Théoule IV un permis ; "
        "la société MFT Théoule IV est fondée ... ; la commune et la société MFT Théoule IV ... ")


@pytest.mark.parametrize("text, name, others, meant", [
    (_MFT, "société civile immobilière MET Théoule IV", (), "société civile immobilière MFT Théoule IV"),
    # the reading of another addressee is never taken: two companies, not one misread
    (_MFT, "société civile immobilière MET Théoule IV", ("société MFT Théoule IV",),
     "société civile immobilière MET Théoule IV"),
    # C and D are not letters OCR confuses: `ABD` is another company than `ABC`
    ("la SCI ABC Paris ; la SCI ABC Paris ; la SCI ABC Paris ; à la SCI ABD Paris", "SCI ABD Paris", (),
     "SCI ABD Paris"),
    # a reading seen as often as the other stays
    ("la société EDF Renouvelables et la société EDF Renouvelables, la société FDF Renouvelables",
     "société FDF Renouvelables", (), "société FDF Renouvelables"),
])
def test_an_acronym_misread_once_takes_the_documents_reading(text, name, others, meant):
    from extractors.parties import consensus_name
    assert consensus_name(text, name, others) == meant


def test_the_notified_name_misread_by_ocr_is_the_one_of_the_visas():
    text = _MFT + "\nArticle 4 : La présente décision sera notifiée à la société civile immobilière MET Théoule IV " \
                  "et à la ministre de la cohésion des territoires.\n"
    names = [p[0] for p in parties_of(text)]
    assert names == ["société civile immobilière MFT Théoule IV", "ministre de la cohésion des territoires"]


def test_a_list_whose_full_stop_ocr_lost_ends_before_the_deliberation():
    text = ("Article 3 : La présente décision sera notifiée à M. M G et à la Commission nationale des comptes "
            "de campagne et des financements politiques.\nCopie en sera adressée au préfet des Hauts-de-Seine, "
            "au ministre de l'intérieur, et à M. 11€ Délibéré à l'issue de la séance du 18 octobre 2021 où "
            "siégeaient : M. Rémy Schwartz, président adjoint de la section du contentieux, présidant.\n")
    names = [p[0] for p in parties_of(text)]
    assert names[:2] == ["M. M G", "Commission nationale des comptes de campagne et des financements politiques"]
    assert len(names) == 3 and not any("Délibéré" in n or "Schwartz" in n for n in names)
