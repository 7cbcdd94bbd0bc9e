"""The orders of the corpus, written for the project (no text is taken from a real decision).

Each writer fills a `Case` (corpus/cases.py): its paragraphs and, through `case.A`, `case.D`
and `case.enjoin`, the facts that the gold records. The writers are one per kind of proceeding
(`rmu_individuel`, `collectif`, `asile`, `suspension`, `fond`, `liquidation`, `arret`, and `seed`
for TA Grenoble n° 2506085); `corpus()` calls them once per document with that order's facts,
and `build_all()` checks that no two orders share a stem.
"""
from __future__ import annotations

from layout import Signature

from cases import (ANTS, de, MINISTRE_INTERIEUR, OFII, PREFET_POLICE, Case, Who, association,
                   fr_date, person, prefet)

# ------------------------------------------------------------------------------------------
# paragraphs shared by many orders (statutes quoted; the reasoning in our own words)

L521_1 = ("Aux termes du premier alinéa de l'article L. 521-1 du code de justice administrative : "
          "« Quand une décision administrative, même de rejet, fait l'objet d'une requête en "
          "annulation ou en réformation, le juge des référés, saisi d'une demande en ce sens, peut "
          "ordonner la suspension de l'exécution de cette décision, ou de certains de ses effets, "
          "lorsque l'urgence le justifie et qu'il est fait état d'un moyen propre à créer, en l'état "
          "de l'instruction, un doute sérieux quant à la légalité de la décision. »")
L521_2 = ("Aux termes de l'article L. 521-2 du code de justice administrative : « Saisi d'une demande "
          "en ce sens justifiée par l'urgence, le juge des référés peut ordonner toutes mesures "
          "nécessaires à la sauvegarde d'une liberté fondamentale à laquelle une personne morale de "
          "droit public ou un organisme de droit privé chargé de la gestion d'un service public "
          "aurait porté, dans l'exercice d'un de ses pouvoirs, une atteinte grave et manifestement "
          "illégale. Le juge des référés se prononce dans un délai de quarante-huit heures. »")
L521_3 = ("Aux termes de l'article L. 521-3 du code de justice administrative : « En cas d'urgence et "
          "sur simple requête qui sera recevable même en l'absence de décision administrative "
          "préalable, le juge des référés peut ordonner toutes autres mesures utiles sans faire "
          "obstacle à l'exécution d'aucune décision administrative. »")
RMU_OFFICE = ("Lorsqu'il est saisi sur ce fondement d'une demande qui se rattache à un litige relevant "
              "de la juridiction administrative, le juge des référés peut prescrire, à titre "
              "conservatoire ou provisoire, les mesures que l'urgence rend nécessaires, y compris des "
              "injonctions adressées à l'administration, pourvu qu'elles soient utiles et ne se "
              "heurtent à aucune contestation sérieuse. Ce référé étant subsidiaire, il ne peut "
              "conduire à prescrire ce que les procédures des articles L. 521-1 et L. 521-2 du même "
              "code permettraient d'obtenir.")
TELESERVICE = ("Il résulte des articles R. 431-2 et R. 431-3 du code de l'entrée et du séjour des "
               "étrangers et du droit d'asile, tels qu'interprétés par la décision du Conseil d'Etat "
               "statuant au contentieux n° 452798 du 3 juin 2022, que si le pouvoir réglementaire "
               "peut imposer le recours à un téléservice pour le dépôt des demandes de titre de "
               "séjour, c'est à la condition que l'accès normal des usagers au service public et "
               "l'exercice effectif de leurs droits soient garantis. Les personnes qui ne disposent "
               "pas d'un accès aux outils numériques, ou qui ne parviennent pas à les utiliser, "
               "doivent pouvoir être accompagnées, et une solution de substitution doit être offerte "
               "à celles qui, en raison de la conception du service ou de son dysfonctionnement, ne "
               "peuvent pas accomplir leur démarche en ligne.")
CRPA = ("Selon l'article L. 112-8 du code des relations entre le public et l'administration, toute "
        "personne peut saisir l'administration par voie électronique ; ce droit n'a ni pour objet ni "
        "pour effet d'interdire à l'usager qui le souhaite de s'adresser à elle par un autre moyen "
        "lorsqu'aucun texte n'impose l'usage exclusif d'un téléservice.")
ANEF_PROLONGATION = ("En vertu de l'article R. 431-15-1 du code de l'entrée et du séjour des étrangers "
                     "et du droit d'asile, l'étranger qui a déposé par voie dématérialisée une "
                     "demande de renouvellement complète se voit remettre, lorsque l'instruction se "
                     "poursuit au-delà de la date d'expiration de son titre, une attestation de "
                     "prolongation de l'instruction qui l'autorise à séjourner régulièrement et, le "
                     "cas échéant, à travailler.")
CODES_SEJOUR = ["Vu :", "- le code de l'entrée et du séjour des étrangers et du droit d'asile ;",
                "- le code des relations entre le public et l'administration ;",
                "- le code de justice administrative."]


def mande(c: Case, to: Who, what: str = "la présente ordonnance") -> str:
    return (f"La République mande et ordonne {to.au} en ce qui {'la' if to.fem else 'le'} concerne "
            "ou à tous commissaires de justice à ce requis en ce qui concerne les voies de droit "
            f"commun contre les parties privées, de pourvoir à l'exécution {'du ' + what[3:] if what.startswith('le ') else 'de ' + what}.")


def sign_ordonnance(c: Case, judge: str, greffier: str, greffier_title: str = "La greffière",
                    judge_title: str = "Le juge des référés", mande_to: Who | None = None,
                    signe: bool = True) -> None:
    c.closing.append(f"Fait à {c.city if not c.city.startswith('La ') else 'Saint-Denis'}, "
                     f"le {fr_date(c.date)}.")
    c.closing.append(Signature(((f"{judge_title},", "", "signé" if signe else "", "", judge),
                                (f"{greffier_title},", "", "signé" if signe else "", "", greffier))))
    if mande_to:
        c.closing.append(mande(c, mande_to))


def sign_jugement(c: Case, deliberation: str, hearing: str, rapporteur: tuple[str, str],
                  president: tuple[str, str], greffier: tuple[str, str], mande_to: Who,
                  what: str = "le présent jugement") -> None:
    c.closing.append(f"Délibéré après l'audience du {fr_date(hearing)}, à laquelle siégeaient : {deliberation}")
    c.closing.append(f"Rendu public par mise à disposition au greffe le {fr_date(c.date)}.")
    cols = [(f"{t},", "", "signé", "", n) for t, n in (rapporteur, president, greffier) if n]
    c.closing.append(Signature(tuple(cols)))
    c.closing.append(mande(c, mande_to, what))


def vu_audience(c: Case, hearing: str, judge: Who, greffier: str, heard: list[str],
                cloture: str = "La clôture de l'instruction a été prononcée à l'issue de l'audience.") -> None:
    c.visas.append("Les parties ont été régulièrement convoquées à l'audience publique.")
    c.visas.append(f"Au cours de l'audience publique du {fr_date(hearing)}, tenue en présence de "
                   f"{greffier}, {judge.le} a lu son rapport et entendu :")
    for h in heard:
        c.visas.append(f"- {h}")
    if cloture:
        c.visas.append(cloture)


def numbered(c: Case, paragraphs: list[str]) -> None:
    for p in paragraphs:
        c.motifs.append(f"{len(c.motifs) + 1}. {p}")


def juge(name: str, fem: bool = False) -> Who:
    """A judge named as the text names him: 'M. Julien Morel'."""
    full = ("Mme " if fem else "M. ") + name
    return Who(full, full, fem, "autre", "personne")


# ------------------------------------------------------------------------------------------
# the seed case

def seed() -> Case:
    """TA Grenoble, ord. 21 juillet 2025, n° 2506085: five associations v. préfète de l'Isère."""
    judge, greffier = juge("Julien Morel"), "Sandrine Roux"
    ada = association("Association d'aide aux demandeurs d'asile (ADA)", "l'Association d'aide aux demandeurs d'asile (ADA)")
    apardap = association("Association pour l'accueil des demandeurs d'asile et des réfugiés (APARDAP)",
                          "l'Association pour l'accueil des demandeurs d'asile et des réfugiés (APARDAP)")
    odti = Who("Office dauphinois des travailleurs immigrés (ODTI)", "l'Office dauphinois des travailleurs immigrés (ODTI)",
               False, "requerant", "association")
    idh = Who("Institut des droits de l'homme du barreau de Grenoble (IDH)",
              "l'Institut des droits de l'homme du barreau de Grenoble (IDH)", False, "requerant", "association")
    cimade = association("association La Cimade", "l'association La Cimade")
    pref = prefet("l'Isère", "isere", fem=True)
    c = Case(court="TA38", numbers=["2506085"], date="2025-07-21", decision_type="ordonnance",
             formation="juge des référés", procedure="refere-mesures-utiles", judges=["Julien Morel"],
             parties=[ada, apardap, odti, idh, cimade, pref],
             outcomes=["injonction", "astreinte", "rejet"],
             topics=["rendez-vous-prefecture", "titre-de-sejour", "anef", "alternative-non-dematerialisee"],
             exercises="SEED: référé mesures utiles, five associations, injunction under an astreinte of "
                       "500 €/day within two months of notification, earlier order of 28 March 2025 not executed",
             header_parties=["ASSOCIATION D'AIDE AUX DEMANDEURS D'ASILE (ADA) et autres"],
             header_bench=["M. Julien Morel", "Juge des référés"],
             header_extra=["Audience du 17 juillet 2025"],
             running="footer-dash")
    c.visas += [
        f"Par une requête et un mémoire, enregistrés les 27 juin et 16 juillet 2025, {ada.le}, "
        f"{apardap.le}, {odti.le}, {idh.le} et {cimade.le}, représentés par Me Camille Berthier, "
        "demandent au juge des référés, statuant sur le fondement de l'article L. 521-3 du code de "
        "justice administrative :",
        f"1°) d'enjoindre {pref.au} d'exécuter l'ordonnance n° 2501457 du 28 mars 2025 en mettant en "
        "place, pour le dépôt des demandes de titre de séjour, des modalités alternatives au "
        "téléservice de l'administration numérique des étrangers en France (ANEF) et à la prise de "
        "rendez-vous en ligne, comportant un accueil physique et la possibilité d'un dépôt papier, "
        + c.D("dans un délai de quinze jours à compter de la notification de l'ordonnance à intervenir",
              "demande", days=15, anchor="notification") + ", "
        + c.A("sous astreinte de 500 euros par jour de retard", 500, "jour", "demandee") + " ;",
        f"2°) d'enjoindre {pref.au} de publier sur le site internet de la préfecture une information "
        "claire sur ces modalités alternatives ;",
        "3°) de mettre à la charge de l'Etat la somme de 2 000 euros au titre de l'article L. 761-1 du "
        "code de justice administrative.",
        "Elles soutiennent que :",
        "- leur requête est recevable, eu égard à leur objet statutaire de défense des droits des "
        "étrangers, et la mesure demandée ne fait obstacle à l'exécution d'aucune décision "
        "administrative ;",
        "- la condition d'urgence est remplie : depuis l'intervention de l'ordonnance du 28 mars 2025, "
        "aucun créneau de rendez-vous n'a été ouvert pour les premières demandes de titre de séjour "
        "qui ne relèvent pas du téléservice, de nombreux ressortissants étrangers se trouvent en "
        "situation de rupture de droits, perdent leur emploi ou leurs prestations sociales, et les "
        "permanences des associations sont saturées ;",
        "- la mesure est utile, dès lors que l'ordonnance du 28 mars 2025, devenue définitive, n'a pas "
        "été exécutée : la préfète s'est bornée à créer une adresse électronique de contact qui ne "
        "répond pas, et aucun accueil physique ni aucun dépôt papier n'a été mis en place ;",
        "- la mesure ne se heurte à aucune contestation sérieuse.",
        f"Par un mémoire en défense, enregistré le 15 juillet 2025, {pref.le} conclut au rejet de la "
        "requête.",
        "Elle soutient que la condition d'urgence n'est pas remplie, que les associations n'établissent "
        "pas l'existence de difficultés généralisées, que la préfecture a renforcé ses effectifs et "
        "ouvert un point d'accueil numérique tenu par un agent et des volontaires du service civique, "
        "et que l'exécution complète de l'ordonnance du 28 mars 2025 est en cours.",
        "Vu les autres pièces du dossier, y compris l'ordonnance n° 2501457 du 28 mars 2025.",
        *CODES_SEJOUR,
        "Le président du tribunal a désigné M. Julien Morel, vice-président, pour statuer sur les "
        "demandes de référé.",
    ]
    vu_audience(c, "2025-07-17", judge, "Mme Sandrine Roux, greffière d'audience", [
        "les observations de Me Berthier, représentant les associations requérantes, qui reprend ses "
        "écritures et produit des attestations de plusieurs usagers ;",
        "les observations de Mme Lucie Fabre, représentant la préfète de l'Isère, qui conclut aux "
        "mêmes fins que le mémoire en défense par les mêmes moyens."])
    numbered(c, [
        L521_3,
        RMU_OFFICE,
        TELESERVICE,
        "Par une ordonnance n° 2501457 du 28 mars 2025, le juge des référés du tribunal, saisi par les "
        f"mêmes associations, a enjoint {pref.au} de mettre en place, "
        + c.D("dans un délai de trois mois à compter de la notification de cette ordonnance", "prononce",
              months=3, anchor="notification")
        + ", une modalité de dépôt non dématérialisée des demandes de titre de séjour au bénéfice des "
        "personnes qui ne parviennent pas à obtenir de rendez-vous en ligne ni à utiliser le "
        "téléservice. Il résulte de l'instruction, et notamment des constats d'huissier produits par "
        "les requérantes, qu'à la date de la présente ordonnance, soit plus de trois mois après sa "
        "notification, aucune mesure de cette nature n'a été prise. La simple création d'une adresse "
        "électronique de contact, dont il n'est pas contesté que les messages restent pour la "
        "plupart sans réponse, et l'ouverture d'un point d'accueil numérique qui n'a pour objet que "
        "d'aider les usagers à se connecter au téléservice, ne sauraient en tenir lieu.",
        "Il résulte également de l'instruction que de nombreux ressortissants étrangers résidant "
        "dans l'Isère ne parviennent pas, malgré des tentatives répétées sur plusieurs mois, à "
        "déposer leur demande, et se trouvent de ce fait privés de tout document attestant la "
        "régularité de leur séjour, avec les conséquences qui en résultent sur leur droit au "
        "travail, leur accès aux prestations sociales et leur hébergement. Dans ces conditions, et "
        "alors que la préfète ne fait état d'aucune circonstance de nature à justifier le défaut "
        "d'exécution de l'ordonnance du 28 mars 2025, la condition d'urgence est remplie et la "
        "mesure demandée présente un caractère utile. Elle ne se heurte à aucune contestation "
        "sérieuse et ne fait obstacle à l'exécution d'aucune décision administrative.",
        "Il y a lieu, par suite, d'enjoindre à la préfète de l'Isère de mettre en place des modalités "
        "alternatives non dématérialisées de dépôt des demandes de titre de séjour, comportant un "
        "accueil physique ou la possibilité d'un dépôt papier, "
        + c.D("dans un délai de deux mois à compter de la notification de la présente ordonnance",
              "prononce", months=2, anchor="notification")
        + ". Eu égard à l'inexécution de la précédente ordonnance, il y a lieu d'assortir cette "
        "injonction d'une astreinte de 500 euros par jour de retard. En revanche, les conclusions "
        "tendant à ce qu'une information soit publiée sur le site internet de la préfecture ne "
        "présentent pas, en l'état, un caractère utile distinct de la mesure ordonnée et doivent "
        "être rejetées.",
        "Il y a lieu, dans les circonstances de l'espèce, de mettre à la charge de l'Etat la somme "
        "globale de 1 500 euros à verser aux associations requérantes au titre de l'article L. 761-1 "
        "du code de justice administrative.",
    ])
    c.articles += [
        "**Article 1er :** " + c.enjoin(
            pref, "mettre en place des modalités alternatives non dématérialisées de dépôt des "
            "demandes de titre de séjour, par un accueil physique ou par le dépôt d'un dossier papier",
            deadline={"text": "dans un délai de deux mois à compter de la notification de la présente ordonnance",
                      "months": 2, "anchor": "notification"},
            astreinte={"text": "sous astreinte de 500 euros par jour de retard", "amount": 500, "period": "jour"}),
        "**Article 2 :** L'Etat versera aux associations requérantes une somme globale de 1 500 euros "
        "au titre de l'article L. 761-1 du code de justice administrative.",
        "**Article 3 :** Le surplus des conclusions de la requête est rejeté.",
        f"**Article 4 :** La présente ordonnance sera notifiée à {ada.le}, représentante unique "
        f"désignée par Me Berthier, et {pref.au}.",
    ]
    c.notes += ["deadlines: the earlier order of 28 March 2025 (n° 2501457) set three months; recited "
                "in the motifs, status prononce (contract: recitals of an earlier order are prononce).",
                "parties: ODTI and IDH are associations (loi 1901) although their names say Office / Institut.",
                "judges: the greffière (Sandrine Roux) and the préfecture's representative are not judges."]
    sign_ordonnance(c, "Julien Morel", "Sandrine Roux", mande_to=pref)
    return c


# ------------------------------------------------------------------------------------------
# individual référés about a blocked démarche (L. 521-3, mesures utiles)

SUBJECTS = {
    # subject -> (what the requérant wants done, the facts, the topics)
    "rdv": ("lui fixer un rendez-vous en vue du dépôt de sa demande de titre de séjour",
            "{R} a tenté à {n} reprises, entre le {d1} et le {d2}, d'obtenir un rendez-vous par le "
            "module de prise de rendez-vous en ligne de la préfecture, le site affichant à chaque "
            "connexion qu'aucun créneau n'était disponible, ainsi qu'en attestent les nombreuses "
            "captures d'écran versées au dossier. {Il} a également adressé deux courriers recommandés "
            "restés sans réponse.",
            ["rendez-vous-prefecture", "titre-de-sejour"]),
    "anef": ("lui délivrer une attestation de prolongation de l'instruction de sa demande de "
             "renouvellement de titre de séjour",
             "{R} a déposé le {d1} sur le téléservice de l'administration numérique des étrangers en "
             "France (ANEF) une demande de renouvellement de son titre de séjour, qui expirait le "
             "{d2}. Depuis lors, son espace personnel affiche la mention « en cours d'instruction », "
             "aucune attestation n'a été générée malgré {n} signalements effectués au moyen du "
             "formulaire de contact du centre de contact citoyen, et {il} ne dispose plus d'aucun "
             "document l'autorisant à séjourner et à travailler.",
             ["anef", "titre-de-sejour"]),
    "ds": ("procéder à l'examen de la demande de rendez-vous qu'{il} a présentée sur la plateforme "
           "« démarches simplifiées » et de lui fixer une date de dépôt de sa demande de titre de séjour",
           "la préfecture impose aux étrangers qui sollicitent un titre de séjour ne relevant pas de "
           "l'ANEF de présenter une demande de rendez-vous au moyen d'un formulaire en ligne hébergé "
           "sur la plateforme « démarches simplifiées ». {R} a déposé un tel formulaire le {d1}, "
           "puis à {n} nouvelles reprises jusqu'au {d2}, sans obtenir d'autre réponse qu'un accusé "
           "de réception automatique, son dossier demeurant à l'état « en construction ».",
           ["demarches-simplifiees", "rendez-vous-prefecture", "titre-de-sejour"]),
    "fabrication": ("procéder à la fabrication et à l'acheminement de son titre de séjour",
                    "une décision favorable a été prise le {d1} sur la demande de titre de séjour que "
                    "{R} avait déposée sur le téléservice ANEF, son espace personnel indiquant depuis "
                    "lors que le titre est « en cours de fabrication ». Malgré {n} relances, dont la "
                    "dernière le {d2}, le titre n'a jamais été remis, et l'attestation de décision "
                    "favorable, valable trois mois, a expiré.",
                    ["anef", "titre-de-sejour"]),
    "naturalisation": ("permettre l'enregistrement de sa demande d'acquisition de la nationalité "
                       "française",
                       "{R}, qui réside régulièrement en France depuis plus de dix ans, a tenté à {n} "
                       "reprises, entre le {d1} et le {d2}, de déposer sa demande de naturalisation "
                       "sur le téléservice dédié, lequel rejette systématiquement l'acte de naissance "
                       "qu'{il} produit au motif d'un format de fichier invalide, sans qu'aucune autre "
                       "voie de dépôt ne lui ait été indiquée.",
                       ["naturalisation", "anef"]),
}


def rmu_individuel(*, court: str, number: str | list[str], date: str, hearing: str, filed: str,
                   judge_name: str, judge_fem: bool, greffier: str, greffier_fem: bool,
                   reqs: list[Who], lawyer: str, defendeurs: list[Who], subject: str,
                   n_tries: int, d1: str, d2: str, asked_deadline: dict | None, asked_astreinte: dict | None,
                   result: str, ordered: dict | None = None, refus: str | None = None,
                   extra_facts: str = "", frais: str | None = None, running: str = "footer-dash",
                   family: str = "serif", size: float = 12.0, nbsp: bool = False,
                   header_extra: list[str] | None = None, exercises: str = "",
                   defense: str | None = None, notes: list[str] | None = None,
                   presidente: bool = False) -> Case:
    """A person (or several, joined cases) asks the juge des référés (L. 521-3) to unblock a
    démarche. result: 'injonction' (ordered = {'to': Who, 'deadline': {...}, 'astreinte': {...}}),
    'rejet', 'non-lieu', 'desistement'. refus: None, 'montant' (the court turns down the
    astreinte asked, naming it) or 'simple' ('il n'y a pas lieu d'assortir ... d'une astreinte')."""
    numbers = number if isinstance(number, list) else [number]
    r0 = reqs[0]
    dfd = defendeurs[0]
    judge = juge(judge_name, judge_fem)
    want, facts, topics = SUBJECTS[subject]
    outcomes = {"injonction": ["injonction"], "rejet": ["rejet"], "non-lieu": ["non-lieu"],
                "desistement": ["desistement"]}[result]
    c = Case(court=court, numbers=numbers, date=date, decision_type="ordonnance",
             formation="juge des référés", procedure="refere-mesures-utiles", judges=[judge_name],
             parties=[*reqs, *defendeurs], outcomes=outcomes, topics=list(topics),
             exercises=exercises, header_parties=[r.name.upper() if r.kind != "personne" else r.name for r in reqs[:2]],
             header_bench=[judge.name, "Juge des référés"], header_extra=header_extra or [],
             running=running, family=family, size=size, nbsp=nbsp)
    plural = len(reqs) > 1
    who = " et ".join(r.le for r in reqs)
    verb = "demandent" if plural else "demande"
    il = "ils" if plural else r0.il
    if len(numbers) > 1:
        for i, (num, r) in enumerate(zip(numbers, reqs)):
            c.visas.append(f"{'I' * (i + 1)}. Par une requête enregistrée le {fr_date(filed)} sous le "
                           f"n° {num}, {r.le}, {r.e('représenté')} par {lawyer}, demande au juge des "
                           "référés, statuant sur le fondement de l'article L. 521-3 du code de justice "
                           "administrative :")
            _asks(c, r, dfd, want, asked_deadline, asked_astreinte, frais)
    else:
        c.visas.append(f"Par une requête enregistrée le {fr_date(filed)}, {who}, "
                       f"{'représentés' if plural else r0.e('représenté')} par {lawyer}, {verb} au juge "
                       "des référés, statuant sur le fondement de l'article L. 521-3 du code de "
                       "justice administrative :")
        _asks(c, r0, dfd, want, asked_deadline, asked_astreinte, frais)
    c.visas += [f"{il.capitalize()} {'soutiennent' if plural else 'soutient'} que :",
                "- la condition d'urgence est remplie, dès lors que "
                + ("l'absence de tout titre le maintient dans une situation de grande précarité, sans "
                   "droit au travail ni accès aux prestations sociales ;" if subject == "fabrication" else
                   "l'impossibilité de déposer sa demande le maintient dans une situation de grande "
                   "précarité, sans droit au travail ni accès aux prestations sociales ;"
                   if subject != "naturalisation" else
                   "l'impossibilité de déposer sa demande retarde l'examen de sa situation et "
                   "l'empêche de se présenter à un concours de la fonction publique ;"),
                "- la mesure demandée est utile et ne se heurte à aucune contestation sérieuse, "
                "l'administration étant tenue de garantir un accès effectif au service public ;",
                "- elle ne fait obstacle à l'exécution d'aucune décision administrative."]
    if defense:
        c.visas.append(defense)
    else:
        c.visas.append(f"{dfd.Le} n'a pas produit d'observations en défense.")
    if result == "desistement":
        c.visas.append(f"Par un mémoire enregistré le {fr_date(hearing)}, {r0.le} {'déclare' } se "
                       "désister purement et simplement de sa requête, un rendez-vous lui ayant été "
                       "fixé.")
    c.visas += ["Vu les autres pièces du dossier.", *CODES_SEJOUR,
                f"{'La présidente' if presidente else 'Le président'} du tribunal a désigné {judge.name} "
                "pour statuer sur les demandes de référé."]
    if result != "desistement":
        vu_audience(c, hearing, judge, f"{'Mme' if greffier_fem else 'M.'} {greffier}, "
                    f"{'greffière' if greffier_fem else 'greffier'} d'audience",
                    [f"les observations de {lawyer}, pour {who} ;",
                     f"{dfd.le}, qui n'était ni {dfd.e('présent')} ni {dfd.e('représenté')}."])
    if len(numbers) > 1:
        numbered(c, ["Les requêtes visées ci-dessus présentent à juger des questions semblables et ont "
                     "fait l'objet d'une instruction commune. Il y a lieu de les joindre pour statuer "
                     "par une seule ordonnance."])
    Il = il.capitalize()
    facts_txt = facts.format(R=who if not plural else "chacun des requérants", n=n_tries, d1=fr_date(d1),
                             d2=fr_date(d2), Il=Il if not plural else "Il", il=il if not plural else "il")
    if result == "desistement":
        numbered(c, [f"Par un mémoire enregistré le {fr_date(hearing)}, {r0.le} a déclaré se désister de "
                     "sa requête. Ce désistement est pur et simple. Rien ne s'oppose à ce qu'il en soit "
                     "donné acte."])
        c.articles.append(f"**Article 1er :** Il est donné acte du désistement de la requête de {r0.le}.")
    elif result == "non-lieu":
        numbered(c, [L521_3,
                     f"Il résulte de l'instruction que {facts_txt}",
                     f"Toutefois, il résulte des pièces produites à l'audience que {dfd.le} a, "
                     f"postérieurement à l'introduction de la requête, convoqué {r0.le} à un rendez-vous "
                     f"fixé au {fr_date(hearing)} pour le dépôt de sa demande{extra_facts}. Les conclusions de "
                     "la requête tendant à ce qu'il soit enjoint à l'administration de lui fixer un tel "
                     "rendez-vous sont ainsi devenues sans objet. Il n'y a, dès lors, plus lieu d'y "
                     "statuer.",
                     "Dans les circonstances de l'espèce, il n'y a pas lieu de faire droit aux "
                     "conclusions présentées au titre de l'article L. 761-1 du code de justice "
                     "administrative."])
        c.articles += [f"**Article 1er :** Il n'y a pas lieu de statuer sur les conclusions de la requête "
                       f"de {r0.le} tendant à ce qu'il soit enjoint {dfd.au} {de(want.replace('{il}', r0.il))}.",
                       "**Article 2 :** Le surplus des conclusions de la requête est rejeté."]
        c.outcomes.append("rejet")
    elif result == "rejet":
        numbered(c, [L521_3, RMU_OFFICE,
                     f"Il résulte de l'instruction que {facts_txt}",
                     extra_facts or (
                         f"Toutefois, {r0.le} ne produit, à l'appui de ses allégations, que deux captures "
                         "d'écran prises le même jour, à quelques minutes d'intervalle, qui ne suffisent "
                         "pas à établir l'impossibilité alléguée d'obtenir un rendez-vous. Il n'est pas "
                         f"davantage établi qu'{r0.il} aurait sollicité l'administration par une autre "
                         "voie. Dans ces conditions, ni l'urgence ni l'utilité de la mesure demandée ne "
                         "sont caractérisées."),
                     f"Il résulte de ce qui précède que la requête de {r0.le} doit être rejetée, y "
                     "compris ses conclusions présentées au titre de l'article L. 761-1 du code de "
                     "justice administrative."])
        c.articles.append(f"**Article 1er :** La requête de {r0.le} est rejetée.")
    else:
        to = ordered["to"]
        base = [L521_3, RMU_OFFICE, TELESERVICE if subject != "anef" else ANEF_PROLONGATION,
                f"Il résulte de l'instruction que {facts_txt}{extra_facts}",
                "Dans ces conditions, alors que l'administration n'allègue pas avoir mis en place une "
                "voie alternative permettant d'accomplir la démarche, la mesure demandée présente un "
                "caractère utile. Eu égard aux conséquences de la situation sur les conditions "
                f"d'existence de {'chacun des requérants' if plural else r0.le}, la condition d'urgence "
                "est remplie. La mesure ne se heurte à aucune contestation sérieuse."]
        dl = ordered.get("deadline")
        base.append(f"Il y a lieu, par suite, d'enjoindre {to.au} {de(ordered['measure'])}"
                    + (", " + c.D(dl["text"], "prononce", **{k: v for k, v in dl.items() if k != "text"}) if dl else "")
                    + ".")
        if refus == "montant" and asked_astreinte:
            base[-1] += (" Dans les circonstances de l'espèce, il n'y a pas lieu d'assortir cette "
                         "injonction de l'astreinte de "
                         + c.A(asked_astreinte["amount_text"], asked_astreinte["amount"],
                               asked_astreinte["period"], "refusee")
                         + " demandée.")
        elif refus == "simple":
            base[-1] += " " + c.A("Il n'y a pas lieu, en l'état, d'assortir cette injonction d'une astreinte.",
                                  None, None, "refusee")
        numbered(c, base)
        if frais:
            numbered(c, [f"Il y a lieu de mettre à la charge de l'Etat la somme de {frais} à verser à "
                         f"{lawyer}, sous réserve de sa renonciation à percevoir la somme correspondant à la part contributive de l'Etat à "
                         "l'aide juridictionnelle, en application des articles 37 de la loi du "
                         "10 juillet 1991 et L. 761-1 du code de justice administrative."])
        c.articles.append("**Article 1er :** " + c.enjoin(to, ordered["measure"], deadline=dl,
                                                          astreinte=ordered.get("astreinte")))
        if ordered.get("astreinte"):
            c.outcomes.append("astreinte")
        if frais:
            c.articles.append(f"**Article {len(c.articles) + 1} :** L'Etat versera à {lawyer} la somme "
                              f"de {frais} en application des articles 37 de la loi du 10 juillet 1991 "
                              "et L. 761-1 du code de justice administrative.")
        if ordered.get("surplus", True):
            c.articles.append(f"**Article {len(c.articles) + 1} :** Le surplus des conclusions "
                              f"{'des requêtes' if len(numbers) > 1 else 'de la requête'} est rejeté.")
            c.outcomes.append("rejet")
    c.articles.append(f"**Article {len(c.articles) + 1} :** La présente ordonnance sera notifiée à "
                      + ", à ".join(r.le for r in reqs) + f" et {dfd.au}."
                      + ("" if len(defendeurs) == 1 else " Copie en sera adressée "
                         + " et ".join(d.au for d in defendeurs[1:]) + "."))
    sign_ordonnance(c, judge_name, greffier, "La greffière" if greffier_fem else "Le greffier",
                    judge_title="La juge des référés" if judge_fem else "Le juge des référés", mande_to=dfd)
    c.notes += list(notes or [])
    return c


def _asks(c: Case, r: Who, dfd: Who, want: str, deadline: dict | None, astreinte: dict | None,
          frais: str | None) -> None:
    ask = f"1°) d'enjoindre {dfd.au} {de(want.replace('{il}', r.il))}"
    if deadline:
        ask += ", " + c.D(deadline["text"], "demande", **{k: v for k, v in deadline.items() if k != "text"})
    if astreinte:
        ask += ", " + c.A(astreinte["text"], astreinte.get("amount"), astreinte.get("period"), "demandee")
    c.visas.append(ask + " ;")
    c.visas.append("2°) de mettre à la charge de l'Etat la somme de " + (frais or "1 200 euros")
                   + " au titre des articles 37 de la loi du 10 juillet 1991 et L. 761-1 du code de "
                   "justice administrative.")


# ------------------------------------------------------------------------------------------
# asylum: référé-liberté (L. 521-2) to have an asylum claim registered at the guichet unique

def asile(*, court: str, number: str, date: str, hearing: str, filed: str, judge_name: str,
          judge_fem: bool, greffier: str, req: Who, lawyer: str, defendeurs: list[Who],
          asked_deadline: dict, asked_astreinte: dict | None, result: str,
          ordered: dict | None = None, running: str = "footer-dash", family: str = "serif",
          size: float = 12.0, nbsp: bool = False, exercises: str = "", facts: str = "") -> Case:
    judge = juge(judge_name, judge_fem)
    dfd = defendeurs[0]
    c = Case(court=court, numbers=[number], date=date, decision_type="ordonnance",
             formation="juge des référés", procedure="refere-liberte", judges=[judge_name],
             parties=[req, *defendeurs], outcomes=[result if result != "injonction" else "injonction"],
             topics=["asile"], exercises=exercises, header_parties=[req.name],
             header_bench=[judge.name, "Juge des référés"], running=running, family=family,
             size=size, nbsp=nbsp)
    c.visas += [f"Par une requête enregistrée le {fr_date(filed)}, {req.le}, {req.e('représenté')} par "
                f"{lawyer}, demande au juge des référés, statuant sur le fondement de l'article L. 521-2 "
                "du code de justice administrative :",
                "1°) de l'admettre au bénéfice de l'aide juridictionnelle provisoire ;",
                f"2°) d'enjoindre {dfd.au} d'enregistrer sa demande d'asile et de lui remettre "
                "l'attestation de demande d'asile, "
                + c.D(asked_deadline["text"], "demande", **{k: v for k, v in asked_deadline.items() if k != "text"})
                + (", " + c.A(asked_astreinte["text"], asked_astreinte.get("amount"), asked_astreinte.get("period"), "demandee")
                   if asked_astreinte else "") + " ;",
                "3°) de mettre à la charge de l'Etat la somme de 1 000 euros au titre des articles 37 "
                "de la loi du 10 juillet 1991 et L. 761-1 du code de justice administrative.",
                f"{req.Il} soutient que :",
                "- la condition d'urgence est remplie, dès lors que, faute d'enregistrement de sa demande, "
                f"{req.il} ne bénéficie ni des conditions matérielles d'accueil ni d'une protection contre "
                "l'éloignement, et dort dans la rue ;",
                "- il est porté une atteinte grave et manifestement illégale au droit d'asile, qui "
                "constitue une liberté fondamentale : depuis plusieurs semaines, la plateforme "
                "téléphonique de l'Office français de l'immigration et de l'intégration, seule voie "
                "d'accès à la structure de premier accueil, ne répond pas à ses appels ou les interrompt "
                "avant toute mise en relation."]
    c.visas.append(f"Par un mémoire en défense, enregistré le {fr_date(hearing)}, {dfd.le} conclut au "
                   f"rejet de la requête. {dfd.Il} soutient que la condition d'urgence n'est pas remplie "
                   "et qu'aucune atteinte grave et manifestement illégale n'a été portée au droit d'asile, "
                   "les délais d'enregistrement s'expliquant par un afflux exceptionnel de demandes.")
    c.visas += ["Vu les autres pièces du dossier.", "Vu :",
                "- la Constitution, et notamment le quatrième alinéa de son Préambule ;",
                "- la directive 2013/32/UE du Parlement européen et du Conseil du 26 juin 2013 ;",
                "- le code de l'entrée et du séjour des étrangers et du droit d'asile ;",
                "- la loi n° 91-647 du 10 juillet 1991 ;", "- le code de justice administrative."]
    vu_audience(c, hearing, judge, f"Mme {greffier}, greffière d'audience",
                [f"les observations de {lawyer}, pour {req.le}, qui reprend ses écritures ;",
                 f"les observations de la représentante {dfd.du}."])
    numbered(c, ["Eu égard à l'urgence, il y a lieu d'admettre provisoirement le requérant au bénéfice "
                 "de l'aide juridictionnelle en application de l'article 20 de la loi du 10 juillet 1991.",
                 L521_2,
                 "Le droit constitutionnel d'asile, qui a le caractère d'une liberté fondamentale, a pour "
                 "corollaire le droit de solliciter le statut de réfugié. En vertu de l'article L. 521-4 "
                 "du code de l'entrée et du séjour des étrangers et du droit d'asile, l'enregistrement de "
                 "la demande a lieu au plus tard trois jours ouvrés après sa présentation, ce délai "
                 "pouvant être porté à dix jours ouvrés lorsqu'un nombre élevé d'étrangers demandent "
                 "l'asile simultanément. Si la méconnaissance de ces délais ne caractérise pas, à elle "
                 "seule, une atteinte grave et manifestement illégale au droit d'asile, il appartient au "
                 "juge des référés d'apprécier, au vu de l'ensemble des circonstances, si l'administration "
                 "a fait preuve d'une carence caractérisée.",
                 f"Il résulte de l'instruction que {facts}"])
    if result == "rejet":
        numbered(c, [f"Toutefois, il résulte des pièces produites par {dfd.le} que {req.le} a été "
                     "convoqué au guichet unique pour demandeurs d'asile pour un rendez-vous fixé "
                     "à une date proche, et qu'un hébergement d'urgence lui a été proposé dans l'attente. "
                     "Dans ces conditions, le délai écoulé depuis sa première tentative, s'il excède "
                     "celui prévu par les textes, ne révèle pas une carence caractérisée de "
                     "l'administration constitutive d'une atteinte grave et manifestement illégale au "
                     "droit d'asile.",
                     "Il résulte de ce qui précède que la requête doit être rejetée, y compris les "
                     "conclusions présentées au titre de l'article L. 761-1 du code de justice "
                     "administrative et de l'article 37 de la loi du 10 juillet 1991."])
        c.articles += ["**Article 1er :** " + f"{req.Le} est admis au bénéfice de l'aide juridictionnelle provisoire.",
                       "**Article 2 :** Le surplus des conclusions de la requête est rejeté."]
    else:
        to = ordered["to"]
        dl = ordered["deadline"]
        numbered(c, ["Dans ces conditions, la carence de l'administration, qui ne fait état d'aucune "
                     "mesure prise pour permettre au requérant d'accéder effectivement à la procédure "
                     "d'asile, porte une atteinte grave et manifestement illégale au droit d'asile. "
                     "La condition d'urgence est, en outre, remplie eu égard à la situation de grande "
                     "précarité du requérant.",
                     f"Il y a lieu d'enjoindre {to.au} d'enregistrer la demande d'asile de {req.le} et de "
                     "lui remettre l'attestation prévue par l'article L. 521-7 du code de l'entrée et du "
                     "séjour des étrangers et du droit d'asile, "
                     + c.D(dl["text"], "prononce", **{k: v for k, v in dl.items() if k != "text"})
                     + (". Il n'y a pas lieu d'assortir cette injonction d'une astreinte."
                        if asked_astreinte and not ordered.get("astreinte") else "."),
                     "Il y a lieu de mettre à la charge de l'Etat, sous réserve que son conseil renonce à "
                     "percevoir la part contributive de l'Etat, la somme de 1 000 euros au titre des "
                     "articles 37 de la loi du 10 juillet 1991 et L. 761-1 du code de justice "
                     "administrative."])
        if asked_astreinte and not ordered.get("astreinte"):
            c.A("Il n'y a pas lieu d'assortir cette injonction d'une astreinte.", None, None, "refusee")
        c.articles += [f"**Article 1er :** {req.Le} est admis au bénéfice de l'aide juridictionnelle provisoire.",
                       "**Article 2 :** " + c.enjoin(to, f"enregistrer la demande d'asile de {req.le} et "
                                                   "de lui remettre l'attestation de demande d'asile",
                                                   deadline=dl, astreinte=ordered.get("astreinte")),
                       f"**Article 3 :** L'Etat versera à {lawyer} la somme de 1 000 euros au titre des "
                       "articles 37 de la loi du 10 juillet 1991 et L. 761-1 du code de justice "
                       "administrative, sous réserve de sa renonciation à percevoir la part contributive "
                       "de l'Etat.",
                       "**Article 4 :** Le surplus des conclusions de la requête est rejeté."]
        c.outcomes += ["rejet"] + (["astreinte"] if ordered.get("astreinte") else [])
    c.articles.append(f"**Article {len(c.articles) + 1} :** La présente ordonnance sera notifiée à "
                      f"{req.le}, à {lawyer}, " + ", ".join(d.au for d in defendeurs[:-1])
                      + (" et " if len(defendeurs) > 1 else "") + defendeurs[-1].au + ".")
    sign_ordonnance(c, judge_name, greffier, mande_to=dfd,
                    judge_title="La juge des référés" if judge_fem else "Le juge des référés")
    c.notes.append("outcomes: the admission to provisional legal aid (article 1er) is not an outcome.")
    return c


# ------------------------------------------------------------------------------------------
# référé-suspension (L. 521-1): a refusal, express or implicit, is suspended

def suspension(*, court: str, number: str, date: str, hearing: str, filed: str, judge_name: str,
               judge_fem: bool, greffier: str, req: Who, lawyer: str, dfd: Who, decision: str,
               doute: str, urgence: str, asked: list[tuple[str, dict | None, dict | None]],
               result: str, ordered: dict | None, topics: list[str], refus_astreinte: bool = False,
               running: str = "footer-dash", family: str = "serif", size: float = 12.0,
               nbsp: bool = False, exercises: str = "", fond_number: str = "") -> Case:
    """`decision`: what is suspended ('la décision implicite par laquelle ...'); `asked`: the
    injunctions asked, as (measure, deadline kw, astreinte kw)."""
    judge = juge(judge_name, judge_fem)
    c = Case(court=court, numbers=[number], date=date, decision_type="ordonnance",
             formation="juge des référés", procedure="refere-suspension", judges=[judge_name],
             parties=[req, dfd], outcomes=[], topics=topics, exercises=exercises,
             header_parties=[req.name], header_bench=[judge.name, "Juge des référés"],
             running=running, family=family, size=size, nbsp=nbsp)
    c.visas += [f"Par une requête enregistrée le {fr_date(filed)}, {req.le}, {req.e('représenté')} par "
                f"{lawyer}, demande au juge des référés, sur le fondement de l'article L. 521-1 du code "
                "de justice administrative :",
                f"1°) d'ordonner la suspension de l'exécution de {decision} ;"]
    for i, (measure, dl, ast) in enumerate(asked, start=2):
        s = f"{i}°) d'enjoindre {dfd.au} {de(measure)}"
        if dl:
            s += ", " + c.D(dl["text"], "demande", **{k: v for k, v in dl.items() if k != "text"})
        if ast:
            s += ", " + c.A(ast["text"], ast.get("amount"), ast.get("period"), "demandee")
        c.visas.append(s + " ;")
    c.visas += [f"{len(asked) + 2}°) de mettre à la charge de l'Etat la somme de 1 500 euros au titre de "
                "l'article L. 761-1 du code de justice administrative.",
                f"{req.Il} soutient que la condition d'urgence est remplie dès lors que {urgence}, et qu'il "
                f"existe un doute sérieux quant à la légalité de la décision contestée dès lors que {doute}.",
                f"Par un mémoire en défense, enregistré le {fr_date(hearing)}, {dfd.le} conclut au rejet "
                f"de la requête. {dfd.Il} soutient qu'aucun des moyens soulevés n'est de nature à faire "
                "naître un doute sérieux quant à la légalité de la décision.",
                f"Vu la requête enregistrée le {fr_date(filed)} sous le n° {fond_number}, par laquelle "
                f"{req.le} demande l'annulation de la décision contestée.",
                "Vu les autres pièces du dossier.", *CODES_SEJOUR]
    vu_audience(c, hearing, judge, f"Mme {greffier}, greffière", [
        f"les observations de {lawyer}, pour {req.le} ;",
        f"{dfd.le}, qui n'était pas {dfd.e('représenté')}."])
    numbered(c, [L521_1,
                 f"Il résulte de l'instruction, en premier lieu, que {urgence}. La condition d'urgence "
                 "doit, dès lors, être regardée comme remplie.",
                 f"En second lieu, le moyen tiré de ce que {doute} est propre à créer, en l'état de "
                 "l'instruction, un doute sérieux quant à la légalité de la décision contestée."])
    if result == "suspension":
        c.outcomes = ["suspension"]
        art = [f"**Article 1er :** L'exécution de {decision} est suspendue."]
        if ordered:
            to, dl, ast = ordered["to"], ordered.get("deadline"), ordered.get("astreinte")
            motif = (f"La présente ordonnance implique nécessairement qu'il soit enjoint {to.au} "
                     f"{de(ordered['measure'])}"
                     + (", " + c.D(dl["text"], "prononce", **{k: v for k, v in dl.items() if k != "text"}) if dl else "")
                     + ".")
            if refus_astreinte:
                motif += " Il n'y a pas lieu, dans les circonstances de l'espèce, de prononcer l'astreinte demandée."
                c.A("il n'y a pas lieu ... de prononcer l'astreinte demandée", None, None, "refusee")
            numbered(c, [motif])
            art.append("**Article 2 :** " + c.enjoin(to, ordered["measure"], deadline=dl, astreinte=ast))
            c.outcomes.append("injonction")
            if ast:
                c.outcomes.append("astreinte")
        numbered(c, ["Il y a lieu de mettre à la charge de l'Etat une somme de 1 000 euros au titre de "
                     "l'article L. 761-1 du code de justice administrative."])
        art.append(f"**Article {len(art) + 1} :** L'Etat versera à {req.le} une somme de 1 000 euros au "
                   "titre de l'article L. 761-1 du code de justice administrative.")
        art.append(f"**Article {len(art) + 1} :** Le surplus des conclusions de la requête est rejeté.")
        c.outcomes.append("rejet")
        c.articles += art
    c.articles.append(f"**Article {len(c.articles) + 1} :** La présente ordonnance sera notifiée à "
                      f"{req.le} et {dfd.au}.")
    sign_ordonnance(c, judge_name, greffier, mande_to=dfd,
                    judge_title="La juge des référés" if judge_fem else "Le juge des référés")
    return c


# ------------------------------------------------------------------------------------------
# jugements au fond: annulation + injonction (L. 911-1 / L. 911-2), or rejet

def fond(*, court: str, numbers: list[str], date: str, hearing: str, filed: str,
         formation: str, bench: list[tuple[str, bool, str]], rapporteur_public: tuple[str, bool],
         greffier: str, reqs: list[Who], lawyer: str, dfd: Who, acte: str, moyen: str,
         asked: tuple[str, dict | None, dict | None], result: str, ordered: dict | None,
         topics: list[str], refus_astreinte: str | None = None, running: str = "footer-dash",
         family: str = "serif", size: float = 12.0, nbsp: bool = False, exercises: str = "",
         intervenant: Who | None = None, extra_motifs: list[str] | None = None,
         law: list[str] | None = None, annule: str | None = None) -> Case:
    """bench: (name, fem, role) e.g. ('Claire Dumas', True, 'présidente'); one entry = magistrat
    statuant seul."""
    single = len(bench) == 1
    judges = [b[0] for b in bench]
    parties = [*reqs, dfd] + ([intervenant] if intervenant else [])
    c = Case(court=court, numbers=numbers, date=date, decision_type="jugement", formation=formation,
             procedure="fond", judges=judges, parties=parties, outcomes=[], topics=topics,
             exercises=exercises, header_parties=[(reqs[0].name.upper() if reqs[0].kind != "personne"
                                                  else reqs[0].name) + (" et autres" if len(reqs) > 2 else "")],
             heading="D É C I D E :", running=running, family=family, size=size, nbsp=nbsp)
    c.header_formation = ("Le magistrat désigné" if single else f"Le tribunal administratif de {c.city}\n({formation})")
    if single:
        c.header_bench = [("Mme " if bench[0][1] else "M. ") + bench[0][0], "Magistrat désigné"]
    else:
        rap = bench[-1]
        c.header_bench = [("Mme " if rap[1] else "M. ") + rap[0], "Rapporteure" if rap[1] else "Rapporteur",
                          "---", ("Mme " if rapporteur_public[1] else "M. ") + rapporteur_public[0],
                          "Rapporteure publique" if rapporteur_public[1] else "Rapporteur public"]
    c.header_extra = [f"Audience du {fr_date(hearing)}"]
    plural = len(reqs) > 1
    who = ", ".join(r.le for r in reqs[:-1]) + (" et " if plural else "") + reqs[-1].le
    measure, dl, ast = asked
    ask = f"2°) d'enjoindre {dfd.au} {de(measure)}"
    if dl:
        ask += ", " + c.D(dl["text"], "demande", **{k: v for k, v in dl.items() if k != "text"})
    if ast:
        ask += ", " + c.A(ast["text"], ast.get("amount"), ast.get("period"), "demandee")
    c.visas += [f"Par une requête et un mémoire, enregistrés les {fr_date(filed)} et {fr_date(hearing[:8] + '01')}, "
                f"{who}, {'représentés' if plural else reqs[0].e('représenté')} par {lawyer}, "
                f"{'demandent' if plural else 'demande'} au tribunal :",
                f"1°) d'annuler {acte} ;", ask + " ;",
                "3°) de mettre à la charge de l'Etat la somme de 1 500 € au titre de l'article L. 761-1 "
                "du code de justice administrative.",
                f"{'Ils soutiennent' if plural else reqs[0].Il + ' soutient'} que la décision attaquée "
                f"est entachée d'erreur de droit et méconnaît le principe d'égal accès au service public, dès lors que {moyen}.",
                f"Par un mémoire en défense, enregistré le {fr_date(hearing[:8] + '02')}, {dfd.le} conclut "
                f"au rejet de la requête. {dfd.Il} soutient que les moyens soulevés ne sont pas fondés."]
    if intervenant:
        c.visas.append(f"Par un mémoire en intervention, enregistré le {fr_date(hearing[:8] + '03')}, "
                       f"{intervenant.le} demande que le tribunal fasse droit aux conclusions de la requête.")
    c.visas += ["Vu les autres pièces du dossier.", *CODES_SEJOUR]
    if single:
        c.visas.append(f"Le président du tribunal a désigné {c.header_bench[0]} pour statuer en "
                       "application de l'article R. 222-13 du code de justice administrative.")
    c.visas += ["Les parties ont été régulièrement averties du jour de l'audience.",
                "Ont été entendus au cours de l'audience publique :",
                f"- le rapport de {c.header_bench[0]} ;"]
    if not single:
        c.visas.append(f"- les conclusions de {('Mme ' if rapporteur_public[1] else 'M. ') + rapporteur_public[0]}, "
                       f"{'rapporteure publique' if rapporteur_public[1] else 'rapporteur public'} ;")
    c.visas.append(f"- les observations de {lawyer}, pour {'les requérants' if plural else reqs[0].le}.")
    if intervenant:
        numbered(c, [f"{intervenant.Le}, qui a pour objet statutaire la défense des droits des étrangers, "
                     "justifie d'un intérêt suffisant à l'annulation de la décision attaquée. Son "
                     "intervention est, par suite, recevable."])
    numbered(c, list(law or [TELESERVICE, CRPA]) + list(extra_motifs or []))
    if result == "rejet":
        numbered(c, [f"Il ressort toutefois des pièces du dossier que {dfd.le} a mis en place, à la date "
                     "de la décision attaquée, un accueil physique sans rendez-vous deux matinées par "
                     "semaine ainsi qu'une adresse postale dédiée au dépôt des dossiers papier. Le moyen "
                     "tiré de l'absence de toute solution de substitution manque ainsi en fait.",
                     "Il résulte de ce qui précède que la requête doit être rejetée, y compris ses "
                     "conclusions à fin d'injonction et celles présentées au titre de l'article L. 761-1 "
                     "du code de justice administrative."])
        c.outcomes = ["rejet"]
        c.articles.append(f"**Article 1er :** La requête {'de ' + reqs[0].le if not plural else 'de ' + who} est rejetée.")
    else:
        to, dlo, asto = ordered["to"], ordered.get("deadline"), ordered.get("astreinte")
        numbered(c, [f"Il ressort des pièces du dossier que {moyen}, sans que l'administration ait proposé "
                     "la moindre voie alternative. Par suite, les requérants sont fondés à soutenir que "
                     f"{acte.replace('la décision', 'cette décision', 1)} est entachée d'illégalité et à en "
                     "demander, pour ce motif, l'annulation." if plural else
                     f"Il ressort des pièces du dossier que {moyen}, sans que l'administration lui ait "
                     f"proposé la moindre voie alternative. Par suite, {reqs[0].le} est fondé{'e' if reqs[0].fem else ''} "
                     "à demander l'annulation de la décision attaquée.",
                     "L'annulation prononcée implique nécessairement, eu égard au motif qui la fonde, qu'il "
                     f"soit enjoint {to.au} {de(ordered['measure'])}"
                     + (", " + c.D(dlo["text"], "prononce", **{k: v for k, v in dlo.items() if k != "text"}) if dlo else "")
                     + (", " + c.A(asto["text"], asto["amount"], asto["period"], "prononcee") if asto else "")
                     + "." + ({"simple": " Il n'y a pas lieu, en revanche, d'assortir cette injonction "
                               "d'une astreinte.",
                               None: ""}[refus_astreinte] if refus_astreinte != "montant" else
                              " Il n'y a pas lieu, en revanche, d'assortir cette injonction de l'astreinte de "
                              + c.A(ast["amount_text"], ast["amount"], ast["period"], "refusee")
                              + " sollicitée par les requérants."),
                     "Il y a lieu, dans les circonstances de l'espèce, de mettre à la charge de l'Etat la "
                     "somme de 1 500 € au titre de l'article L. 761-1 du code de justice administrative."])
        if refus_astreinte == "simple":
            c.A("Il n'y a pas lieu ... d'assortir cette injonction d'une astreinte.", None, None, "refusee")
        c.outcomes = ["annulation", "injonction"] + (["astreinte"] if asto else [])
        c.articles += [f"**Article 1er :** {annule or acte[0].upper() + acte[1:] + ' est annulée.'}",
                       "**Article 2 :** " + c.enjoin(to, ordered["measure"], deadline=dlo, astreinte=asto),
                       f"**Article 3 :** L'Etat versera {'aux requérants une somme globale' if plural else 'à ' + reqs[0].le + ' la somme'} "
                       "de 1 500 € au titre de l'article L. 761-1 du code de justice administrative."]
        if ordered.get("surplus", True):
            c.articles.append("**Article 4 :** Le surplus des conclusions de la requête est rejeté.")
            c.outcomes.append("rejet")
    c.articles.append(f"**Article {len(c.articles) + 1} :** Le présent jugement sera notifié à {who}"
                      + (f", {intervenant.au}" if intervenant else "") + f" et {dfd.au}.")
    if single:
        b = bench[0]
        c.closing.append(f"Rendu public par mise à disposition au greffe le {fr_date(date)}.")
        c.closing.append(Signature(((f"{'La magistrate désignée' if b[1] else 'Le magistrat désigné'},", "", "signé", "", b[0]),
                                    ("La greffière,", "", "signé", "", greffier))))
        c.closing.append(mande(c, dfd, "le présent jugement"))
    else:
        members = ", ".join(f"{'Mme' if f else 'M.'} {n}, {r}" for n, f, r in bench) + "."
        pres = bench[0]
        rap = bench[-1]
        sign_jugement(c, members, hearing, ("La rapporteure" if rap[1] else "Le rapporteur", rap[0]),
                      ("La présidente" if pres[1] else "Le président", pres[0]), ("La greffière", greffier), dfd)
    c.notes.append("judges: the members who sat (Délibéré ... siégeaient); the rapporteur public, who "
                   "does not deliberate, and the greffière are not listed.")
    return c


# ------------------------------------------------------------------------------------------
# execution: liquidation of an astreinte (L. 911-7), or injunction under L. 911-4

def liquidation(*, court: str, number: str, date: str, hearing: str, judge_name: str, judge_fem: bool,
                greffier: str, reqs: list[Who], lawyer: str, dfd: Who, first: dict, facts: str,
                liquidated: dict, running: str = "footer-dash", family: str = "serif",
                size: float = 12.0, exercises: str = "", new_astreinte: dict | None = None,
                nbsp: bool = False) -> Case:
    """first = {'number', 'date', 'measure', 'deadline' kw, 'astreinte' kw}: the earlier order whose
    astreinte is liquidated; liquidated = {'rate' kw or None, 'sum': '4 200 euros', 'period': '...'}."""
    judge = juge(judge_name, judge_fem)
    plural = len(reqs) > 1
    who = " et ".join(r.le for r in reqs)
    c = Case(court=court, numbers=[number], date=date, decision_type="ordonnance",
             formation="juge des référés", procedure="execution", judges=[judge_name],
             parties=[*reqs, dfd], outcomes=["liquidation"], topics=["rendez-vous-prefecture", "titre-de-sejour"],
             exercises=exercises, header_parties=[reqs[0].name + (" et autre" if plural else "")],
             header_bench=[judge.name, "Juge des référés"], running=running, family=family, size=size,
             nbsp=nbsp)
    fd = first["deadline"]
    fa = first["astreinte"]
    c.visas += [f"Par une ordonnance n° {first['number']} du {fr_date(first['date'])}, le juge des référés "
                f"du tribunal a enjoint {dfd.au} {de(first['measure'])}, "
                + c.D(fd["text"], "prononce", **{k: v for k, v in fd.items() if k != "text"}) + ", "
                + c.A(fa["text"], fa["amount"], fa["period"], "prononcee") + ".",
                f"Par une requête enregistrée le {fr_date(hearing[:8] + '02')}, {who}, "
                f"{'représentés' if plural else reqs[0].e('représenté')} par {lawyer}, "
                f"{'demandent' if plural else 'demande'} au juge des référés :",
                "1°) " + c.A("de procéder à la liquidation de l'astreinte prononcée par cette ordonnance",
                             None, None, "demandee") + " ;",
                "2°) de majorer le taux de "
                + c.A("l'astreinte pour l'avenir", None, None, "demandee") + " ;" if new_astreinte else
                "2°) d'enjoindre à l'administration d'exécuter l'ordonnance "
                + c.D("sans délai", "demande") + " ;",
                "3°) de mettre à la charge de l'Etat la somme de 1 200 euros au titre de l'article "
                "L. 761-1 du code de justice administrative.",
                f"{'Ils soutiennent' if plural else reqs[0].Il + ' soutient'} que l'ordonnance n'a pas été exécutée "
                "dans le délai imparti.",
                f"Par un mémoire en défense, enregistré le {fr_date(hearing)}, {dfd.le} conclut au rejet de la "
                f"requête. {dfd.Il} fait valoir que l'inexécution résulte de la saturation des services et "
                "qu'un rendez-vous a finalement été fixé.",
                "Vu les autres pièces du dossier.", "Vu :", "- le code de l'entrée et du séjour des "
                "étrangers et du droit d'asile ;", "- le code de justice administrative."]
    vu_audience(c, hearing, judge, f"Mme {greffier}, greffière", [
        f"les observations de {lawyer}, pour {'les requérants' if plural else reqs[0].le} ;",
        f"les observations du représentant {dfd.du}."])
    numbered(c, ["Aux termes de l'article L. 911-7 du code de justice administrative, en cas d'inexécution "
                 "totale ou partielle ou d'exécution tardive, la juridiction procède à la liquidation de "
                 "l'astreinte qu'elle avait prononcée ; sauf s'il est établi que l'inexécution de la "
                 "décision provient d'un cas fortuit ou de force majeure, elle ne peut modifier le taux "
                 "de l'astreinte définitive lors de sa liquidation, mais elle peut modérer ou supprimer "
                 "l'astreinte provisoire, même en cas d'inexécution constatée.",
                 f"Il résulte de l'instruction que {facts}"])
    rate = liquidated.get("rate")
    text = (f"Compte tenu des diligences finalement accomplies par l'administration, il y a lieu de "
            f"procéder à la liquidation provisoire de l'astreinte pour la période {liquidated['period']}, "
            + (("en ramenant son taux à " + c.A(rate["text"], rate["amount"], rate["period"], "liquidee") + ", ")
               if rate else "")
            + "et de condamner l'Etat à verser "
            + c.A(f"la somme de {liquidated['sum']} au titre de la liquidation de l'astreinte", None, None, "liquidee")
            + f" à {who}.")
    numbered(c, [text])
    arts = [f"**Article 1er :** L'Etat est condamné à verser à {who} la somme de {liquidated['sum']} au "
            f"titre de la liquidation provisoire de l'astreinte prononcée par l'ordonnance n° {first['number']} "
            f"du {fr_date(first['date'])}."]
    if new_astreinte:
        nd, na = new_astreinte["deadline"], new_astreinte["astreinte"]
        numbered(c, ["L'ordonnance n'étant toujours pas entièrement exécutée, il y a lieu de porter le taux "
                     "de l'astreinte à " + c.A(na["amount_text"], na["amount"], na["period"], "prononcee")
                     + " à compter de l'expiration d'un délai de "
                     + c.D(nd["short"], "prononce", **{k: v for k, v in nd.items() if k not in ("text", "short")})
                     + " suivant la notification de la présente ordonnance."])
        arts.append("**Article 2 :** " + c.enjoin(dfd, first["measure"], deadline=nd, astreinte=na))
        c.outcomes += ["injonction", "astreinte"]
    arts.append(f"**Article {len(arts) + 1} :** L'Etat versera à {who} la somme de 800 euros au titre de "
                "l'article L. 761-1 du code de justice administrative.")
    arts.append(f"**Article {len(arts) + 1} :** Le surplus des conclusions de la requête est rejeté.")
    c.outcomes.append("rejet")
    arts.append(f"**Article {len(arts) + 1} :** La présente ordonnance sera notifiée à {who} et {dfd.au}. "
                "Copie en sera adressée au directeur régional des finances publiques.")
    c.articles += arts
    c.notes.append("astreintes: the rate set by the earlier order is recited (prononcee); the "
                   "liquidation asked for in the visas states no rate (amount null, status demandee, "
                   "as the CE gold marks an asked liquidation); the sum liquidated is not a rate per "
                   "period (amount null, status liquidee).")
    sign_ordonnance(c, judge_name, greffier, mande_to=dfd,
                    judge_title="La juge des référés" if judge_fem else "Le juge des référés")
    return c


# ------------------------------------------------------------------------------------------
# associations ask for a non-digital channel (L. 521-3)

def collectif(*, court: str, number: str, date: str, hearing: str, filed: str, judge_name: str,
              judge_fem: bool, greffier: str, reqs: list[Who], lawyer: str, dfd: Who,
              asked_deadline: dict | None, asked_astreinte: dict | None, ordered: dict,
              facts: str, refus: str | None = None, running: str = "footer-dash",
              family: str = "serif", size: float = 12.0, nbsp: bool = False, exercises: str = "",
              topics: list[str] | None = None) -> Case:
    judge = juge(judge_name, judge_fem)
    c = Case(court=court, numbers=[number], date=date, decision_type="ordonnance",
             formation="juge des référés", procedure="refere-mesures-utiles", judges=[judge_name],
             parties=[*reqs, dfd], outcomes=["injonction"],
             topics=topics or ["rendez-vous-prefecture", "titre-de-sejour", "alternative-non-dematerialisee"],
             exercises=exercises, header_parties=[reqs[0].name.upper() + " et autres"],
             header_bench=[judge.name, "Juge des référés"], running=running, family=family,
             size=size, nbsp=nbsp)
    who = ", ".join(r.le for r in reqs[:-1]) + " et " + reqs[-1].le
    s = (f"1°) d'enjoindre {dfd.au} de mettre en place une modalité de dépôt des demandes de titre de "
         "séjour qui ne passe pas exclusivement par la prise de rendez-vous en ligne")
    if asked_deadline:
        s += ", " + c.D(asked_deadline["text"], "demande", **{k: v for k, v in asked_deadline.items() if k != "text"})
    if asked_astreinte:
        s += ", " + c.A(asked_astreinte["text"], asked_astreinte.get("amount"), asked_astreinte.get("period"), "demandee")
    c.visas += [f"Par une requête enregistrée le {fr_date(filed)}, {who}, représentés par {lawyer}, "
                "demandent au juge des référés, statuant sur le fondement de l'article L. 521-3 du code "
                "de justice administrative :", s + " ;",
                "2°) de mettre à la charge de l'Etat la somme de 3 000 euros au titre de l'article "
                "L. 761-1 du code de justice administrative.",
                "Ils soutiennent que leur requête est recevable, que l'urgence est caractérisée par le "
                "nombre de personnes privées de tout accès aux services de la préfecture et que la mesure "
                "demandée est utile, le seul recours au module de rendez-vous en ligne méconnaissant le "
                "principe d'égal accès au service public.",
                f"Par un mémoire en défense, enregistré le {fr_date(hearing)}, {dfd.le} conclut au rejet de "
                f"la requête. {dfd.Il} soutient que la requête est irrecevable faute d'intérêt à agir, que "
                "les créneaux ouverts ont été doublés et que la mesure se heurte à une contestation "
                "sérieuse.", "Vu les autres pièces du dossier.", *CODES_SEJOUR]
    vu_audience(c, hearing, judge, f"Mme {greffier}, greffière", [
        f"les observations de {lawyer}, pour les associations requérantes ;",
        f"les observations des représentants {dfd.du}."])
    numbered(c, [L521_3, RMU_OFFICE,
                 "Eu égard à leur objet statutaire, qui comprend la défense des droits des ressortissants "
                 "étrangers et leur accompagnement dans leurs démarches, les associations requérantes "
                 "justifient d'un intérêt leur donnant qualité pour agir. La fin de non-recevoir opposée "
                 "en défense doit être écartée.", TELESERVICE,
                 f"Il résulte de l'instruction que {facts}"])
    to, dl, ast = ordered["to"], ordered.get("deadline"), ordered.get("astreinte")
    last = (f"Il y a lieu, par suite, d'enjoindre {to.au} {de(ordered['measure'])}"
            + (", " + c.D(dl["text"], "prononce", **{k: v for k, v in dl.items() if k != "text"}) if dl else "")
            + ".")
    if refus == "montant":
        last += (" En revanche, il n'y a pas lieu, en l'état de l'instruction, d'assortir cette injonction de "
                 "l'astreinte de " + c.A(asked_astreinte["amount_text"], asked_astreinte["amount"],
                                          asked_astreinte["period"], "refusee") + " demandée.")
    numbered(c, [last, "Il y a lieu de mettre à la charge de l'Etat la somme globale de 1 500 euros à verser "
                       "aux associations requérantes au titre de l'article L. 761-1 du code de justice "
                       "administrative."])
    c.articles += ["**Article 1er :** " + c.enjoin(to, ordered["measure"], deadline=dl, astreinte=ast),
                   "**Article 2 :** L'Etat versera aux associations requérantes une somme globale de "
                   "1 500 euros au titre de l'article L. 761-1 du code de justice administrative.",
                   "**Article 3 :** Le surplus des conclusions de la requête est rejeté.",
                   f"**Article 4 :** La présente ordonnance sera notifiée à {reqs[0].le}, première "
                   f"dénommée, pour l'ensemble des requérants, et {dfd.au}."]
    c.outcomes += ["rejet"] + (["astreinte"] if ast else [])
    sign_ordonnance(c, judge_name, greffier, mande_to=dfd,
                    judge_title="La juge des référés" if judge_fem else "Le juge des référés")
    return c


# ------------------------------------------------------------------------------------------
# cours administratives d'appel

def arret(*, court: str, number: str, date: str, hearing: str, bench: list[tuple[str, bool, str]],
          rapporteur_public: tuple[str, bool], greffier: str, appelant: Who, intime: Who, lawyer: str,
          first: dict, result: str, running: str = "footer-page-of", family: str = "serif",
          size: float = 11.5, exercises: str = "", topics: list[str] | None = None,
          chamber: str = "4ème chambre") -> Case:
    """The préfet appeals a TA jugement (first = {'court', 'number', 'date', 'deadline' kw,
    'astreinte' kw or None, 'measure'}). result 'rejet' (appeal dismissed) or 'annulation'."""
    c = Case(court=court, numbers=[number], date=date, decision_type="arret", formation=chamber,
             procedure="appel", judges=[b[0] for b in bench], parties=[appelant, intime], outcomes=[],
             topics=topics or ["rendez-vous-prefecture", "titre-de-sejour"], exercises=exercises,
             header_parties=[appelant.name.upper() if appelant.kind == "administration" else appelant.name,
                             "c/ " + intime.name],
             heading="DÉCIDE :", running=running, family=family, size=size)
    c.header_formation = f"La cour administrative d'appel de {c.city}\n({chamber})"
    pres, rap = bench[0], bench[-1]
    c.header_bench = [("Mme " if pres[1] else "M. ") + pres[0], "Présidente" if pres[1] else "Président", "---",
                      ("Mme " if rap[1] else "M. ") + rap[0], "Rapporteure" if rap[1] else "Rapporteur", "---",
                      ("Mme " if rapporteur_public[1] else "M. ") + rapporteur_public[0],
                      "Rapporteure publique" if rapporteur_public[1] else "Rapporteur public"]
    c.header_extra = [f"Audience du {fr_date(hearing)}"]
    fd, fa = first["deadline"], first.get("astreinte")
    c.visas += ["Procédure contentieuse antérieure :",
                f"{intime.Le} a demandé au tribunal administratif de {first['court']} d'annuler la décision "
                f"implicite par laquelle {appelant.le} a refusé de lui délivrer un rendez-vous pour le "
                "dépôt de sa demande de titre de séjour.",
                f"Par un jugement n° {first['number']} du {fr_date(first['date'])}, le tribunal administratif "
                f"de {first['court']} a annulé cette décision et a enjoint {appelant.au} de "
                f"{first['measure']}, " + c.D(fd["text"], "prononce", **{k: v for k, v in fd.items() if k != "text"})
                + (", " + c.A(fa["text"], fa["amount"], fa["period"], "prononcee") if fa else "") + ".",
                "Procédure devant la cour :",
                f"Par une requête enregistrée le {fr_date(first['appeal'])}, {appelant.le} demande à la cour "
                "d'annuler ce jugement et de rejeter la demande présentée devant le tribunal.",
                f"{appelant.Il} soutient que le tribunal a commis une erreur de droit en jugeant que "
                "l'impossibilité d'obtenir un rendez-vous révélait une décision implicite de refus, et que "
                "la préfecture offrait une voie alternative par courrier.",
                f"Par un mémoire en défense, enregistré le {fr_date(first['memo'])}, {intime.le}, "
                f"{intime.e('représenté')} par {lawyer}, conclut au rejet de la requête et à ce que la somme "
                "de 1 500 euros soit mise à la charge de l'Etat au titre de l'article L. 761-1 du code de "
                f"justice administrative. {intime.Il} soutient que les moyens soulevés ne sont pas fondés.",
                "Vu les autres pièces du dossier.", *CODES_SEJOUR,
                "Les parties ont été régulièrement averties du jour de l'audience.",
                "Ont été entendus au cours de l'audience publique :",
                f"- le rapport de {c.header_bench[3]},",
                f"- les conclusions de {c.header_bench[6]}, {c.header_bench[7].lower()},",
                f"- et les observations de {lawyer}, pour {intime.le}."]
    numbered(c, [TELESERVICE,
                 f"Il ressort des pièces du dossier que {intime.le} a tenté à plus de trente reprises, sur "
                 "une période de cinq mois, d'obtenir un rendez-vous au moyen du module de la préfecture, "
                 "sans succès, et qu'il a adressé à l'administration un courrier recommandé resté sans "
                 "réponse. Le silence gardé pendant deux mois sur ce courrier a fait naître une décision "
                 "implicite de refus."])
    if result == "rejet":
        numbered(c, [f"Si {appelant.le} soutient qu'une voie alternative par courrier était ouverte, {appelant.il} ne "
                     "l'établit pas, l'adresse postale dont il se prévaut n'ayant été mentionnée sur le "
                     "site de la préfecture que postérieurement au jugement attaqué. C'est donc à bon "
                     "droit que le tribunal a annulé la décision implicite de refus.",
                     f"Il résulte de ce qui précède que {appelant.le} n'est pas {appelant.e('fondé')} à se plaindre de ce "
                     "que, par le jugement attaqué, le tribunal a fait droit à la demande. Il y a lieu de "
                     "mettre à la charge de l'Etat la somme de 1 500 euros au titre de l'article L. 761-1 "
                     "du code de justice administrative."])
        c.outcomes = ["rejet"]
        c.articles += [f"**Article 1er :** La requête {appelant.du.replace('du ', 'du ', 1)} est rejetée.",
                       f"**Article 2 :** L'Etat versera à {intime.le} une somme de 1 500 euros au titre de "
                       "l'article L. 761-1 du code de justice administrative."]
    else:
        numbered(c, [f"Toutefois, il ressort des pièces du dossier que {intime.le} a obtenu, avant même "
                     "l'intervention du jugement attaqué, un rendez-vous et un récépissé de demande de "
                     "titre de séjour. Dès lors, les conclusions de sa demande étaient devenues sans objet "
                     "à la date à laquelle le tribunal a statué, et c'est à tort que celui-ci a annulé la "
                     "décision et prononcé une injonction.",
                     f"Il résulte de ce qui précède que {appelant.le} est {appelant.e('fondé')} à demander l'annulation du "
                     "jugement attaqué. Les conclusions présentées par l'intimé au titre de l'article "
                     "L. 761-1 du code de justice administrative doivent être rejetées."])
        c.outcomes = ["annulation", "non-lieu"]   # the costs article is not an outcome
        c.articles += [f"**Article 1er :** Le jugement n° {first['number']} du {fr_date(first['date'])} du "
                       f"tribunal administratif de {first['court']} est annulé.",
                       f"**Article 2 :** Il n'y a pas lieu de statuer sur la demande présentée par {intime.le} "
                       f"devant le tribunal administratif de {first['court']}.",
                       f"**Article 3 :** Les conclusions de {intime.le} présentées au titre de l'article "
                       "L. 761-1 du code de justice administrative sont rejetées."]
    c.articles.append(f"**Article {len(c.articles) + 1} :** Le présent arrêt sera notifié au ministre de "
                      f"l'intérieur et à {intime.le}. Copie en sera adressée {appelant.au}.")
    members = ", ".join(f"{'Mme' if f else 'M.'} {n}, {r}" for n, f, r in bench) + "."
    sign_jugement(c, members, hearing, ("La rapporteure" if rap[1] else "Le rapporteur", rap[0]),
                  ("La présidente" if pres[1] else "Le président", pres[0]), ("La greffière", greffier),
                  MINISTRE_INTERIEUR, "le présent arrêt")
    c.notes.append("deadlines / astreintes: what the first-instance jugement pronounced is recited in the "
                   "visas (status prononce / prononcee); the cour itself sets none.")
    c.notes.append("parties: in appeal the préfet is the appelant (role requerant) and the foreigner the "
                   "intimé (role defendeur); the ministre de l'intérieur, to whom the arrêt is notified "
                   "and addressed by the formule exécutoire, is not listed as a party.")
    return c


# ------------------------------------------------------------------------------------------
# the corpus

def dl(text: str, days: int | None = None, months: int | None = None, anchor: str | None = None) -> dict:
    return {"text": text, "days": days, "months": months, "anchor": anchor}


def ast(text: str, amount: float | None = None, period: str | None = None) -> dict:
    """'sous astreinte de 100 euros par jour de retard' -> also amount_text '100 euros par jour de retard'."""
    return {"text": text, "amount": amount, "period": period,
            "amount_text": text.replace("sous astreinte de ", "")}


def _role(w: Who, role: str) -> Who:
    from dataclasses import replace
    return replace(w, role=role)


SSD = prefet("la Seine-Saint-Denis", "seine-saint-denis")
NOTIF_ORD = "à compter de la notification de la présente ordonnance"
NOTIF_JUG = "à compter de la notification du présent jugement"


def corpus() -> list[Case]:
    C = []
    C.append(seed())
    C.append(rmu_individuel(
        court="TA93", number="2501234", presidente=True, date="2025-03-12", hearing="2025-03-10", filed="2025-02-24",
        judge_name="Hélène Garnier", judge_fem=True, greffier="Nadia Belkacem", greffier_fem=True,
        reqs=[person("M. A... B...")], lawyer="Me Paul Lemaire", defendeurs=[SSD], subject="rdv",
        n_tries=47, d1="2024-11-04", d2="2025-02-20",
        asked_deadline=dl("dans un délai de huit jours", days=8),
        asked_astreinte=ast("sous astreinte de 100 euros par jour de retard", 100, "jour"),
        result="injonction", refus="montant", nbsp=True, header_extra=["54-035-04", "C"],
        extra_facts=" Les messages qu'il a adressés à la boîte fonctionnelle du pôle séjour de la "
                    "préfecture de la Seine-Saint-Denis sont, de même, restés sans réponse.",
        ordered={"to": SSD, "measure": "fixer à M. A... B... un rendez-vous en vue du dépôt de sa demande de titre de séjour",
                 "deadline": dl(f"dans un délai de quinze jours {NOTIF_ORD}", days=15, anchor="notification")},
        exercises="rendez-vous impossible; 15 days from notification; astreinte of 100 €/day asked and expressly refused; "
                  "no-break spaces; 'Seine-' / 'Saint-Denis' broken at its own hyphen"))
    C.append(rmu_individuel(
        court="TA95", number="2409876", date="2024-11-18", hearing="2024-11-14", filed="2024-10-29",
        judge_name="Olivier Texier", judge_fem=False, greffier="Laure Perrin", greffier_fem=True,
        reqs=[person("Mme C... D...", fem=True)], lawyer="Me Sarah Cohen",
        defendeurs=[prefet("du Val-d'Oise", "val-d-oise", de="")], subject="anef",
        n_tries=6, d1="2024-05-13", d2="2024-08-31",
        asked_deadline=dl("sous huit jours", days=8), asked_astreinte=ast("sous astreinte"),
        result="injonction", refus="simple", running="header-court",
        ordered={"to": prefet("du Val-d'Oise", "val-d-oise", de=""),
                 "measure": "délivrer à Mme C... D... une attestation de prolongation de l'instruction de sa demande de renouvellement de titre de séjour",
                 "deadline": dl("sous huit jours", days=8)},
        exercises="ANEF renewal stuck; 'sous huit jours'; 'sous astreinte' with no amount asked, refused; running header with the court name"))
    pp, ofii = PREFET_POLICE, OFII
    C.append(asile(
        court="TA75", number="2514402", date="2025-06-06", hearing="2025-06-05", filed="2025-06-03",
        judge_name="Anne-Sophie Lebrun", judge_fem=True, greffier="Myriam Haddad",
        req=person("M. Karim B."), lawyer="Me Julie Marchand", defendeurs=[pp, ofii],
        asked_deadline=dl("dans un délai de vingt-quatre heures", days=1),
        asked_astreinte=ast("sous astreinte de 200 euros par jour de retard", 200, "jour"),
        result="injonction", running="footer-page-of",
        facts="M. Karim B., ressortissant afghan arrivé en France le 2 mai 2025, a appelé à plus de "
              "soixante reprises, entre le 5 mai et le 2 juin 2025, la plateforme téléphonique de "
              "l'Office français de l'immigration et de l'intégration, ainsi qu'en attestent les "
              "relevés de son opérateur, sans jamais obtenir de rendez-vous dans une structure de "
              "premier accueil, alors que le préfet de police ne conteste pas que cette plateforme "
              "constitue, à Paris, la seule voie d'accès au guichet unique.",
        ordered={"to": pp, "deadline": dl(f"dans un délai de 48 heures {NOTIF_ORD}", days=2, anchor="notification")},
        exercises="référé-liberté, asylum registration (guichet unique, OFII phone line); '48 heures' = 2 days; "
                  "astreinte asked (200 €/day) and refused; statutory 'quarante-huit heures' and 'trois jours ouvrés' are not deadlines"))
    sem = prefet("Seine-et-Marne", "seine-et-marne")
    C.append(rmu_individuel(
        court="TA77", number=["2317376", "2317377"], date="2023-12-21", hearing="2023-12-19", filed="2023-12-04",
        judge_name="Marc Dubreuil", judge_fem=False, greffier="Sophie Lamy", greffier_fem=True,
        reqs=[person("M. Moussa K..."), person("Mme Aminata K...", fem=True)], lawyer="Me Fatou Diallo",
        defendeurs=[sem], subject="rdv", n_tries=35, d1="2023-06-01", d2="2023-11-30",
        asked_deadline=dl("dans un délai de huit jours", days=8), asked_astreinte=None,
        result="injonction",
        ordered={"to": sem, "measure": "fixer à M. Moussa K... et à Mme Aminata K... un rendez-vous pour le dépôt de leurs demandes de titre de séjour",
                 "deadline": dl(f"dans un délai d'un mois {NOTIF_ORD}", months=1, anchor="notification")},
        exercises="joined cases 'Nos 2317376, 2317377'; one month from notification; no astreinte asked"))
    yv = prefet("des Yvelines", "yvelines", de="")
    C.append(fond(
        court="TA78", numbers=["2305521"], date="2024-04-09", hearing="2024-03-19", filed="2023-07-11",
        formation="4ème chambre", bench=[("Catherine Vallet", True, "présidente"), ("Rémi Castel", False, "premier conseiller"),
                                         ("Inès Moreau", True, "conseillère")],
        rapporteur_public=("Thomas Girard", False), greffier="Élodie Marchal",
        reqs=[person("M. D... E...")], lawyer="Me Nicolas Brun", dfd=yv,
        acte="la décision implicite par laquelle le préfet des Yvelines a refusé de lui accorder un rendez-vous pour le dépôt de sa demande de titre de séjour",
        annule="La décision implicite par laquelle le préfet des Yvelines a refusé d'accorder à M. D... E... un rendez-vous pour le dépôt de sa demande de titre de séjour est annulée.",
        moyen="M. D... E... a tenté en vain, pendant six mois, d'obtenir un rendez-vous au moyen du module de la préfecture et a saisi l'administration d'une demande écrite restée sans réponse",
        asked=("lui fixer un rendez-vous", dl("dans un délai de quinze jours", days=15),
               ast("sous astreinte de 150 euros par jour de retard", 150, "jour")),
        result="annulation",
        ordered={"to": yv, "measure": "convoquer M. D... E... en préfecture pour le dépôt de sa demande de titre de séjour",
                 "deadline": dl(f"dans un délai d'un mois {NOTIF_JUG}", months=1, anchor="notification"),
                 "astreinte": ast("sous astreinte de 100 euros par jour de retard", 100, "jour")},
        topics=["rendez-vous-prefecture", "titre-de-sejour"], running="footer-dash",
        exercises="jugement au fond (4ème chambre): annulation + injonction under an astreinte of 100 €/day lower than the 150 asked; D É C I D E"))
    rh = prefet("du Rhône", "rhone", de="")
    C.append(rmu_individuel(
        court="TA69", number="2408813", date="2024-10-03", hearing="2024-10-01", filed="2024-09-16",
        judge_name="Bruno Chassagne", judge_fem=False, greffier="Agnès Roche", greffier_fem=True,
        reqs=[person("Mme F... G...", fem=True)], lawyer="Me Lina Benali", defendeurs=[rh], subject="rdv",
        n_tries=28, d1="2024-05-02", d2="2024-09-10",
        asked_deadline=dl("dans un délai de huit jours", days=8),
        asked_astreinte=ast("sous astreinte de 150 euros par jour de retard", 150, "jour"),
        result="non-lieu", running="footer-page-of", family="serif-condensed",
        exercises="non-lieu (a rendez-vous was given after filing); astreinte asked only; surplus rejeté"))
    bdr = prefet("des Bouches-du-Rhône", "bouches-du-rhone", de="")
    C.append(rmu_individuel(
        court="TA13", number="2502671", date="2025-03-20", hearing="2025-03-18", filed="2025-03-04",
        judge_name="Frédéric Aubert", judge_fem=False, greffier="Karima Saïdi", greffier_fem=True,
        reqs=[person("M. H... I...")], lawyer="Me Yanis Ferhat", defendeurs=[bdr], subject="rdv",
        n_tries=2, d1="2025-02-27", d2="2025-02-27",
        asked_deadline=dl("sans délai"), asked_astreinte=ast("sous astreinte de 200 euros par jour de retard", 200, "jour"),
        result="rejet",
        exercises="rejet (attempts not proven); 'sans délai' and 200 €/day asked only"))
    mi = MINISTRE_INTERIEUR
    C.append(suspension(
        court="TA44", number="2506190", date="2025-05-15", hearing="2025-05-13", filed="2025-04-22",
        judge_name="Yann Le Goff", judge_fem=False, greffier="Gwenaëlle Tanguy",
        req=person("Mme J... K...", fem=True), lawyer="Me Awa Traoré", dfd=mi,
        decision="la décision implicite par laquelle la commission de recours contre les décisions de "
                 "refus de visa d'entrée en France a rejeté le recours de Mme J... K... contre le refus de l'autorité "
                 "consulaire française à Conakry de délivrer à ses deux enfants un visa de long séjour au "
                 "titre de la réunification familiale",
        doute="le refus est fondé sur le défaut de présentation des enfants au rendez-vous du prestataire "
              "de services extérieur, alors qu'aucun créneau n'était proposé sur le téléservice France-Visas",
        urgence="les deux enfants mineurs de la requérante sont séparés de leur mère depuis plus de trois ans",
        asked=[("réexaminer les demandes de visa", dl("dans un délai de huit jours", days=8),
                ast("sous astreinte de 100 euros par jour de retard", 100, "jour"))],
        result="suspension", fond_number="2506189",
        ordered={"to": mi, "measure": "réexaminer les demandes de visa des enfants de Mme J... K...",
                 "deadline": dl(f"dans un délai de quinze jours {NOTIF_ORD}", days=15, anchor="notification")},
        topics=["visa"], running="footer-dash",
        exercises="visa (France-Visas, réunification familiale), référé-suspension; astreinte asked, not pronounced, not expressly refused"))
    C.append(fond(
        court="TA44", numbers=["2411452"], date="2025-02-04", hearing="2025-01-14", filed="2024-09-23",
        formation="magistrat désigné", bench=[("Maëlle Kerjean", True, "magistrate désignée")],
        rapporteur_public=("", False), greffier="Patricia Guérin",
        reqs=[person("M. L... M...")], lawyer="Me Hugo Perret", dfd=mi,
        acte="la décision du 18 juillet 2024 par laquelle la commission de recours contre les décisions de refus de visa d'entrée en France a refusé de lui délivrer un visa de long séjour en qualité de conjoint de ressortissante française",
        annule="La décision du 18 juillet 2024 de la commission de recours contre les décisions de refus de visa d'entrée en France refusant de délivrer un visa de long séjour à M. L... M... est annulée.",
        moyen="la demande de visa de M. L... M... a été regardée comme incomplète au seul motif que le téléservice France-Visas n'avait pas enregistré l'une des pièces justificatives, alors qu'il l'avait transmise au prestataire sur support papier",
        asked=("délivrer le visa sollicité", dl("dans un délai de quinze jours", days=15), ast("sous astreinte")),
        result="annulation", refus_astreinte="simple",
        ordered={"to": mi, "measure": "délivrer à M. L... M... le visa de long séjour sollicité",
                 "deadline": dl(f"dans un délai de deux mois {NOTIF_JUG}", months=2, anchor="notification")},
        law=["Il résulte des articles L. 312-1 et R. 312-1 du code de l'entrée et du séjour des étrangers "
             "et du droit d'asile que la demande de visa est présentée au moyen d'un formulaire en ligne, "
             "complété le cas échéant par le dépôt de pièces auprès d'un prestataire de services "
             "extérieur. Ni ces dispositions ni aucun autre texte n'autorisent l'administration à "
             "opposer à l'usager une pièce manquante dont l'absence résulte du seul fonctionnement du "
             "téléservice, lorsque l'intéressé établit l'avoir produite par une autre voie."],
        topics=["visa"], running="footer-page-of", family="serif-condensed", size=11.5,
        exercises="visa au fond, magistrat désigné; 'sous astreinte' with no amount asked and expressly refused; two months from notification"))
    nord = prefet("du Nord", "nord", de="")
    C.append(rmu_individuel(
        court="TA59", number="2410058", presidente=True, date="2024-12-11", hearing="2024-12-10", filed="2024-11-25",
        judge_name="Christophe Delattre", judge_fem=False, greffier="Véronique Lefebvre", greffier_fem=True,
        reqs=[person("M. N... O...")], lawyer="Me Emma Vasseur", defendeurs=[nord], subject="ds",
        n_tries=4, d1="2024-07-08", d2="2024-11-18",
        asked_deadline=dl("dans un délai de quinze jours", days=15), asked_astreinte=None,
        result="desistement", running="header-court",
        exercises="désistement; démarches simplifiées; no hearing"))
    hg = prefet("la Haute-Garonne", "haute-garonne")
    C.append(rmu_individuel(
        court="TA31", number="2503907", date="2025-04-24", hearing="2025-04-22", filed="2025-04-07",
        judge_name="Isabelle Fabre", judge_fem=True, greffier="Jérôme Castan", greffier_fem=False,
        reqs=[person("Mme N... O...", fem=True)], lawyer="Me Léa Rouquette", defendeurs=[hg], subject="ds",
        n_tries=5, d1="2024-12-02", d2="2025-03-28",
        asked_deadline=dl("dans un délai de dix jours", days=10),
        asked_astreinte=ast("sous astreinte de 50 euros par jour de retard", 50, "jour"),
        result="injonction", family="serif-condensed", size=11.5,
        ordered={"to": hg, "measure": "convoquer Mme N... O... en préfecture pour le dépôt de sa demande de titre de séjour",
                 "deadline": dl(f"dans un délai de dix jours {NOTIF_ORD}", days=10, anchor="notification"),
                 "astreinte": ast("sous astreinte de 50 euros par jour de retard", 50, "jour")},
        exercises="démarches simplifiées; ten days from notification under an astreinte of 50 €/day (as asked); greffier is a man"))
    br = prefet("du Bas-Rhin", "bas-rhin", fem=True, de="")
    C.append(suspension(
        court="TA67", number="2502244", date="2025-04-02", hearing="2025-03-31", filed="2025-03-14",
        judge_name="Pierre Schmitt", judge_fem=False, greffier="Claire Muller",
        req=person("M. P... Q..."), lawyer="Me Ana Weber", dfd=br,
        decision="la décision du 3 mars 2025 par laquelle la préfète du Bas-Rhin a refusé d'enregistrer la "
                 "demande de titre de séjour qu'il lui avait adressée par voie postale",
        doute="la préfète ne pouvait refuser d'enregistrer la demande au seul motif qu'elle n'avait pas été "
              "déposée sur le téléservice ANEF, dont le requérant, qui ne sait ni lire ni écrire, ne pouvait "
              "faire usage sans accompagnement",
        urgence="le requérant, présent en France depuis 2012 et père de deux enfants scolarisés, est privé de tout droit au séjour",
        asked=[("enregistrer sa demande et de lui délivrer un récépissé",
                dl("dans un délai de huit jours à compter de la notification de l'ordonnance à intervenir", days=8, anchor="notification"), None)],
        result="suspension", fond_number="2502243",
        ordered={"to": br, "measure": "enregistrer la demande de titre de séjour de M. P... Q... et de lui délivrer un récépissé",
                 "deadline": dl("dans un délai d'un mois", months=1)},
        topics=["anef", "titre-de-sejour", "alternative-non-dematerialisee"], running="footer-dash",
        exercises="référé-suspension of a refusal to register a paper application; 'dans un délai d'un mois' without anchor; préfète"))
    iv = prefet("d'Ille-et-Vilaine", "ille-et-vilaine", de="")
    C.append(fond(
        court="TA35", numbers=["2404417"], date="2025-01-30", hearing="2025-01-16", filed="2024-08-19",
        formation="magistrat désigné", bench=[("Erwan Le Bihan", False, "magistrat désigné")],
        rapporteur_public=("", False), greffier="Morgane Piriou",
        reqs=[person("Mme R... S...", fem=True)], lawyer="Me Clément Guillou", dfd=iv,
        acte="la décision implicite par laquelle le préfet d'Ille-et-Vilaine a refusé d'enregistrer la demande de titre de séjour qu'elle a présentée sur support papier",
        annule="La décision implicite par laquelle le préfet d'Ille-et-Vilaine a refusé d'enregistrer la demande de titre de séjour présentée sur support papier par Mme R... S... est annulée.",
        moyen="Mme R... S..., atteinte d'une déficience visuelle, a adressé sa demande sur support papier après avoir vainement sollicité l'aide du point d'accueil numérique",
        asked=("enregistrer sa demande", dl("dans un délai de quinze jours", days=15),
               ast("sous astreinte de 100 euros par jour de retard", 100, "jour")),
        result="annulation", refus_astreinte="montant",
        ordered={"to": iv, "measure": "enregistrer la demande de titre de séjour de Mme R... S... et de lui délivrer un récépissé",
                 "deadline": dl(f"dans un délai de deux mois {NOTIF_JUG}", months=2, anchor="notification")},
        topics=["anef", "titre-de-sejour", "alternative-non-dematerialisee"], running="header-court",
        exercises="jugement, magistrat désigné: annulation + injonction two months; astreinte 100 €/day asked and expressly refused"))
    gi = prefet("la Gironde", "gironde")
    C.append(liquidation(
        court="TA33", number="2500412", date="2025-02-13", hearing="2025-02-11", judge_name="Nathalie Darrieux",
        judge_fem=True, greffier="Sylvie Lacoste", reqs=[person("M. T... U...")], lawyer="Me Marie Dufau", dfd=gi,
        first={"number": "2403312", "date": "2024-09-12",
               "measure": "fixer à M. T... U... un rendez-vous en vue du dépôt de sa demande de titre de séjour",
               "deadline": dl("dans un délai de quinze jours à compter de la notification de cette ordonnance", days=15, anchor="notification"),
               "astreinte": ast("sous astreinte de 100 euros par jour de retard", 100, "jour")},
        facts="l'ordonnance du 12 septembre 2024 a été notifiée au préfet de la Gironde le 14 septembre "
              "2024 et que le rendez-vous n'a été fixé que le 23 décembre 2024. L'injonction n'a donc pas "
              "été exécutée dans le délai imparti, qui expirait le 29 septembre 2024.",
        liquidated={"rate": ast("50 euros par jour", 50, "jour"), "sum": "4 200 euros",
                    "period": "du 30 septembre 2024 au 22 décembre 2024 inclus"},
        running="footer-page-of",
        exercises="execution: provisional liquidation at a moderated rate (50 €/day, liquidee) of a 100 €/day astreinte; sum of 4 200 euros"))
    am = prefet("des Alpes-Maritimes", "alpes-maritimes", de="")
    C.append(asile(
        court="TA06", number="2503318", date="2025-07-04", hearing="2025-07-03", filed="2025-07-01",
        judge_name="Jean-Luc Ferri", judge_fem=False, greffier="Sandra Giordano",
        req=person("M. V... W..."), lawyer="Me Chloé Baudin", defendeurs=[am],
        asked_deadline=dl("dans un délai de trois jours", days=3), asked_astreinte=None,
        result="injonction",
        facts="M. V... W..., ressortissant soudanais, s'est présenté à quatre reprises, entre le 6 et le "
              "27 juin 2025, à la structure de premier accueil de Nice, qui l'a invité à prendre rendez-vous "
              "au moyen d'un formulaire en ligne dont l'envoi échoue systématiquement, et qu'aucun rendez-vous "
              "au guichet unique ne lui a été fixé à la date de la présente ordonnance.",
        ordered={"to": am, "deadline": dl("sans délai")},
        exercises="asylum, référé-liberté; injunction 'sans délai' (no length)"))
    he = prefet("l'Hérault", "herault")
    C.append(rmu_individuel(
        court="TA34", number="2406021", presidente=True, date="2024-09-26", hearing="2024-09-24", filed="2024-09-09",
        judge_name="Sébastien Roussel", judge_fem=False, greffier="Fanny Marty", greffier_fem=True,
        reqs=[person("Mme X... Y...", fem=True)], lawyer="Me Rania Gharbi", defendeurs=[he], subject="anef",
        n_tries=3, d1="2024-03-18", d2="2024-06-30",
        asked_deadline=dl("dans un délai de quinze jours", days=15), asked_astreinte=ast("sous astreinte"),
        result="rejet", running="footer-dash",
        extra_facts="Toutefois, il résulte de l'instruction, et notamment des pièces produites par le préfet, "
                    "qu'une attestation de prolongation de l'instruction a été générée le 12 septembre 2024 "
                    "et mise à la disposition de Mme X... Y... dans son espace personnel. Dès lors, la mesure "
                    "demandée ne présente, à la date de la présente ordonnance, aucun caractère utile.",
        defense=f"Par un mémoire en défense, enregistré le 20 septembre 2024, {he.le} conclut au rejet de la "
                "requête. Il soutient que l'attestation demandée a été délivrée.",
        exercises="rejet (the attestation was issued); 'sous astreinte' asked without amount"))
    sm = prefet("la Seine-Maritime", "seine-maritime", fem=True)
    C.append(rmu_individuel(
        court="TA76", number="2501588", date="2025-05-07", hearing="2025-05-05", filed="2025-04-17",
        judge_name="Anne Lecoq", judge_fem=True, greffier="Damien Hébert", greffier_fem=False,
        reqs=[person("M. Z... A...")], lawyer="Me Inès Lefort", defendeurs=[sm], subject="anef",
        n_tries=9, d1="2024-10-21", d2="2025-01-31",
        asked_deadline=dl("dans un délai de huit jours", days=8),
        asked_astreinte=ast("sous astreinte de 75 euros par jour de retard", 75, "jour"),
        result="injonction", refus="montant", nbsp=True, running="footer-page-of",
        ordered={"to": sm, "measure": "délivrer à M. Z... A... une attestation de prolongation de l'instruction de sa demande",
                 "deadline": dl("dans les plus brefs délais")},
        exercises="ANEF; 'dans les plus brefs délais'; 75 €/day asked and refused; préfète"))
    co = prefet("la Côte-d'Or", "cote-d-or")
    C.append(collectif(
        court="TA21", number="2502950", date="2025-09-15", hearing="2025-09-11", filed="2025-08-25",
        judge_name="Laurent Bonnot", judge_fem=False, greffier="Émilie Royer",
        reqs=[association("association La Cimade", "l'association La Cimade"),
              association("Ligue des droits de l'Homme", "la Ligue des droits de l'Homme"),
              association("association Dijon Accueil Solidarité", "l'association Dijon Accueil Solidarité")],
        lawyer="Me Bastien Morel", dfd=co,
        asked_deadline=dl("dans un délai de quinze jours", days=15),
        asked_astreinte=ast("sous astreinte de 300 euros par jour de retard", 300, "jour"),
        facts="depuis le mois de janvier 2025, le module de rendez-vous en ligne de la préfecture de la "
              "Côte-d'Or n'ouvre, pour les demandes de titre de séjour ne relevant pas du téléservice ANEF, "
              "qu'une vingtaine de créneaux par semaine, attribués en quelques minutes, et que les "
              "associations requérantes recensent plus de trois cents personnes qui n'ont pu en obtenir "
              "aucun après plusieurs mois de tentatives.",
        ordered={"to": co, "measure": "mettre en place une modalité d'accès non dématérialisée au service "
                 "chargé des demandes de titre de séjour, par un accueil physique ou par voie postale",
                 "deadline": dl(f"dans un délai de trois mois {NOTIF_ORD}", months=3, anchor="notification")},
        refus="montant", family="serif-condensed",
        exercises="associations, non-digital channel within three months; 300 €/day asked and expressly refused"))
    reu = prefet("La Réunion", "reunion")
    C.append(rmu_individuel(
        court="TA974", number="2500731", date="2025-06-19", hearing="2025-06-17", filed="2025-05-30",
        judge_name="Didier Payet", judge_fem=False, greffier="Josiane Hoarau", greffier_fem=True,
        reqs=[person("M. B... C...")], lawyer="Me Kelly Grondin", defendeurs=[reu], subject="rdv",
        n_tries=22, d1="2025-01-06", d2="2025-05-26",
        asked_deadline=dl("dans un délai de huit jours", days=8), asked_astreinte=None,
        result="injonction", running="header-court",
        ordered={"to": reu, "measure": "fixer à M. B... C... un rendez-vous pour le dépôt de sa demande de titre de séjour",
                 "deadline": dl("dans un délai d'un mois", months=1),
                 "astreinte": ast("sous astreinte de 50 euros par jour de retard", 50, "jour")},
        notes=["parties: authority 'prefet:reunion': the article of 'La Réunion' is dropped as that of 'l\'Isère' is in the contract's example (prefet:isere)."],
        exercises="TA La Réunion (TA974, 'Fait à Saint-Denis'); astreinte of 50 €/day pronounced without being asked"))
    appel_pp = _role(PREFET_POLICE, "requerant")
    C.append(arret(
        court="CAA75", number="21PA02971", date="2022-02-08", hearing="2022-01-25",
        bench=[("François Vidal", False, "président de chambre"), ("Hélène Aubry", True, "présidente assesseure"),
               ("Antoine Roger", False, "premier conseiller")],
        rapporteur_public=("Caroline Mercier", True), greffier="Yasmina Ouali",
        appelant=appel_pp, intime=Who("M. E... F...", "M. E... F...", False, "defendeur", "personne"),
        lawyer="Me Samuel Kahn",
        first={"court": "Paris", "number": "2019874", "date": "2021-03-25", "appeal": "2021-05-28", "memo": "2021-09-14",
               "measure": "lui fixer un rendez-vous pour le dépôt de sa demande de titre de séjour",
               "deadline": dl("dans un délai d'un mois à compter de la notification du jugement", months=1, anchor="notification")},
        result="rejet", chamber="4ème chambre",
        exercises="CAA Paris arrêt N° 21PA02971, appeal of the préfet de police dismissed; DÉCIDE; first-instance deadline recited"))
    ain = _role(prefet("l'Ain", "ain", fem=True), "requerant")
    C.append(arret(
        court="CAA69", number="23LY01845", date="2024-01-18", hearing="2023-12-14",
        bench=[("Marie-Pierre Fontaine", True, "présidente de chambre"), ("Julien Royer", False, "président assesseur"),
               ("Sarah Benhamou", True, "première conseillère")],
        rapporteur_public=("Grégoire Lenoir", False), greffier="Nadège Simon",
        appelant=ain, intime=Who("Mme G... H...", "Mme G... H...", True, "defendeur", "personne"),
        lawyer="Me Adrien Pons",
        first={"court": "Lyon", "number": "2207719", "date": "2023-03-02", "appeal": "2023-05-30", "memo": "2023-08-21",
               "measure": "convoquer Mme G... H... en préfecture",
               "deadline": dl("dans un délai de quinze jours", days=15),
               "astreinte": ast("sous astreinte de 100 euros par jour de retard", 100, "jour")},
        result="annulation", chamber="2ème chambre", running="header-court",
        exercises="CAA Lyon: jugement annulled, non-lieu on the first-instance demand; recited astreinte 100 €/day (prononcee)"))
    C.append(fond(
        court="TA75", numbers=["2321087"], date="2024-06-27", hearing="2024-06-13", filed="2023-10-02",
        formation="6ème section - 1ère chambre",
        bench=[("Pascale Renaud", True, "présidente"), ("Mathieu Klein", False, "premier conseiller"),
               ("Céline Arnaud", True, "conseillère")],
        rapporteur_public=("Vincent Caron", False), greffier="Fatima Zerrouki",
        reqs=[association("association La Cimade", "l'association La Cimade"),
              association("Groupe d'information et de soutien des immigré·e·s (GISTI)", "le Groupe d'information et de soutien des immigré·e·s (GISTI)"),
              association("Ligue des droits de l'Homme", "la Ligue des droits de l'Homme")],
        lawyer="Me Lucie Simonnet", dfd=PREFET_POLICE,
        acte="la décision implicite par laquelle le préfet de police a refusé de mettre en place une modalité de dépôt des demandes d'admission exceptionnelle au séjour autre que la plateforme « démarches simplifiées »",
        moyen="les demandes d'admission exceptionnelle au séjour ne peuvent être présentées, à Paris, qu'au moyen d'un formulaire de la plateforme « démarches simplifiées » qui reste le plus souvent sans suite pendant plus d'un an",
        asked=("mettre en place une modalité alternative de dépôt", dl("dans un délai d'un mois", months=1),
               ast("sous astreinte de 1 000 euros par jour de retard", 1000, "jour")),
        result="annulation", refus_astreinte="montant",
        intervenant=Who("Syndicat des avocats de France", "le Syndicat des avocats de France", False, "intervenant", "autre"),
        ordered={"to": PREFET_POLICE, "measure": "mettre en place une modalité de dépôt non dématérialisée des demandes d'admission exceptionnelle au séjour",
                 "deadline": dl(f"dans un délai de quatre mois {NOTIF_JUG}", months=4, anchor="notification")},
        topics=["demarches-simplifiees", "titre-de-sejour", "alternative-non-dematerialisee"], running="footer-dash",
        exercises="three associations + an intervenant (syndicat); 1 000 €/day asked and refused; four months; formation '6ème section - 1ère chambre'"))
    C.append(suspension(
        court="TA93", number="2504470", date="2025-05-28", hearing="2025-05-26", filed="2025-05-09",
        judge_name="Romain Lacombe", judge_fem=False, greffier="Aïcha Touré",
        req=person("Mme I... J...", fem=True), lawyer="Me Pauline Vernet", dfd=SSD,
        decision="la décision implicite de rejet née du silence gardé par le préfet de la Seine-Saint-Denis sur "
                 "la demande de renouvellement de titre de séjour qu'elle a déposée le 4 octobre 2024 sur le "
                 "téléservice ANEF",
        doute="le préfet ne pouvait rejeter la demande sans avoir délivré l'attestation de prolongation de "
              "l'instruction prévue par l'article R. 431-15-1 du code de l'entrée et du séjour des étrangers "
              "et du droit d'asile",
        urgence="la requérante, aide-soignante en contrat à durée indéterminée, a été suspendue de ses fonctions faute de titre",
        asked=[("lui délivrer une autorisation provisoire de séjour", dl("dans un délai de 48 heures", days=2),
                ast("sous astreinte de 150 euros par jour de retard", 150, "jour"))],
        result="suspension", fond_number="2504468",
        ordered={"to": SSD, "measure": "délivrer à Mme I... J... une autorisation provisoire de séjour l'autorisant à travailler et de réexaminer sa demande",
                 "deadline": dl(f"dans un délai de huit jours {NOTIF_ORD}", days=8, anchor="notification"),
                 "astreinte": ast("sous astreinte de 100 euros par jour de retard", 100, "jour")},
        topics=["anef", "titre-de-sejour"], running="footer-page-of", nbsp=True,
        exercises="ANEF renewal, suspension + injunction under 100 €/day (150 asked, 48 heures asked)"))
    C.append(collectif(
        court="TA13", number="2409914", date="2024-12-05", hearing="2024-12-03", filed="2024-11-12",
        judge_name="Sylvie Ambrosini", judge_fem=True, greffier="Océane Pellegrin",
        reqs=[association("association La Cimade", "l'association La Cimade"),
              association("Association des avocats pour la défense des droits des étrangers (ADDE)",
                          "l'Association des avocats pour la défense des droits des étrangers (ADDE)"),
              association("Ligue des droits de l'Homme", "la Ligue des droits de l'Homme"),
              association("association Marseille Accueil Exilés", "l'association Marseille Accueil Exilés")],
        lawyer="Me Paul Santini", dfd=bdr,
        asked_deadline=dl("dans un délai d'un mois", months=1),
        asked_astreinte=ast("sous astreinte de 200 euros par jour de retard", 200, "jour"),
        facts="la préfecture des Bouches-du-Rhône a supprimé, depuis le 1er mars 2024, tout accueil physique "
              "des ressortissants étrangers, que les demandes de rendez-vous adressées par courrier sont "
              "retournées à leurs auteurs et que les constats produits établissent l'absence de tout créneau "
              "disponible sur une période de huit semaines.",
        ordered={"to": bdr, "measure": "rétablir une modalité d'accueil physique permettant le dépôt des demandes de titre de séjour",
                 "deadline": dl("dans un délai de deux mois", months=2),
                 "astreinte": ast("sous astreinte de 200 euros par jour de retard", 200, "jour")},
        running="footer-page-of", nbsp=True,
        exercises="four associations; injunction within two months (no anchor) under 200 €/day, as asked"))
    ants = ANTS
    C.append(rmu_individuel(
        court="TA69", number="2503377", date="2025-04-10", hearing="2025-04-08", filed="2025-03-21",
        judge_name="Claire Mounier", judge_fem=True, greffier="Thierry Blanc", greffier_fem=False,
        reqs=[person("M. Samir T.")], lawyer="Me Jonathan Azoulay", defendeurs=[ants, rh], subject="fabrication",
        n_tries=7, d1="2024-10-15", d2="2025-03-10",
        asked_deadline=dl("dans un délai de quinze jours", days=15), asked_astreinte=ast("sous astreinte"),
        result="injonction", family="serif-condensed",
        ordered={"to": ants, "measure": "procéder à la fabrication et à l'acheminement du titre de séjour de M. Samir T. jusqu'à la préfecture du Rhône",
                 "deadline": dl(f"dans un délai d'un mois {NOTIF_ORD}", months=1, anchor="notification")},
        exercises="injunction addressed to the ANTS (authority 'ants'); préfet du Rhône co-défendeur; 'sous astreinte' asked, not pronounced"))
    C.append(asile(
        court="TA59", number="2507781", date="2025-08-22", hearing="2025-08-21", filed="2025-08-19",
        judge_name="Mathilde Caron", judge_fem=True, greffier="Sabrina Dewitte",
        req=person("M. K... L..."), lawyer="Me Antoine Duhamel", defendeurs=[nord],
        asked_deadline=dl("dans un délai de 48 heures", days=2),
        asked_astreinte=ast("sous astreinte de 100 euros par jour de retard", 100, "jour"),
        result="rejet", running="footer-page-of",
        facts="M. K... L... s'est présenté le 4 août 2025 à la structure de premier accueil de Lille, qui "
              "lui a indiqué qu'aucun rendez-vous ne pouvait être fixé avant plusieurs semaines.",
        exercises="asylum référé-liberté rejected; 48 heures and 100 €/day asked only"))
    C.append(fond(
        court="TA31", numbers=["2500166"], date="2025-02-20", hearing="2025-02-06", filed="2025-01-16",
        formation="magistrat désigné", bench=[("Vincent Carrère", False, "magistrat désigné")],
        rapporteur_public=("", False), greffier="Hélène Sabatier",
        reqs=[person("M. M... N...")], lawyer="Me Julia Esteve", dfd=hg,
        acte="l'arrêté du 14 janvier 2025 par lequel le préfet de la Haute-Garonne l'a obligé à quitter le territoire français sans délai",
        annule="L'arrêté du 14 janvier 2025 par lequel le préfet de la Haute-Garonne a obligé M. M... N... à quitter le territoire français est annulé.",
        moyen="M. M... N..., entré en France en 2016, avait vainement tenté depuis un an d'obtenir un rendez-vous pour déposer une demande de titre de séjour en qualité de parent d'enfant français, de sorte que le préfet ne pouvait lui reprocher de ne pas avoir sollicité la régularisation de sa situation",
        asked=("lui délivrer un titre de séjour", dl("dans un délai d'un mois", months=1), None),
        result="annulation",
        ordered={"to": hg, "measure": "réexaminer la situation de M. M... N... et de lui délivrer, dans l'attente, une autorisation provisoire de séjour",
                 "deadline": dl(f"dans un délai de deux mois {NOTIF_JUG}", months=2, anchor="notification")},
        topics=["eloignement", "rendez-vous-prefecture", "titre-de-sejour"], running="footer-dash",
        exercises="OQTF annulled (eloignement); 'sans délai' of the OQTF is not a deadline; 'dans l'attente' inside the measure"))
    C.append(rmu_individuel(
        court="TA35", number="2505102", date="2025-10-09", hearing="2025-10-07", filed="2025-09-19",
        judge_name="Gaëlle Le Floch", judge_fem=True, greffier="Yannick Bouvier", greffier_fem=False,
        reqs=[person("Mme O... P...", fem=True)], lawyer="Me Soizic Hamon", defendeurs=[iv], subject="naturalisation",
        n_tries=12, d1="2025-02-03", d2="2025-09-01",
        asked_deadline=dl("dans un délai d'un mois", months=1), asked_astreinte=None,
        result="injonction", running="footer-page-of",
        ordered={"to": iv, "measure": "permettre à Mme O... P... de déposer sa demande de naturalisation sur support papier ou d'en assurer l'enregistrement",
                 "deadline": dl(f"dans un délai de deux mois {NOTIF_ORD}", months=2, anchor="notification"), "surplus": False},
        exercises="naturalisation téléservice; no 'surplus' article (all granted)"))
    C.append(rmu_individuel(
        court="TA33", number="2504588", date="2025-08-28", hearing="2025-08-26", filed="2025-08-08",
        judge_name="Philippe Labarthe", judge_fem=False, greffier="Céline Dupuy", greffier_fem=True,
        reqs=[person("M. Q... R...")], lawyer="Me Amandine Lafitte", defendeurs=[gi], subject="ds",
        n_tries=6, d1="2025-01-13", d2="2025-07-30",
        asked_deadline=dl("dans un délai de quinze jours", days=15),
        asked_astreinte=ast("sous astreinte de 100 euros par jour de retard", 100, "jour"),
        result="injonction", running="header-court", size=11.5,
        ordered={"to": gi, "measure": "instruire la demande de rendez-vous présentée par M. Q... R... et lui fixer une date de dépôt de sa demande de titre de séjour",
                 "deadline": dl("dans un délai de quinze jours", days=15),
                 "astreinte": ast("sous astreinte de 100 euros par jour de retard", 100, "jour")},
        exercises="démarches simplifiées; 15 days (no anchor) under 100 €/day as asked"))
    C.append(fond(
        court="TA06", numbers=["2404873"], date="2025-03-25", hearing="2025-03-11", filed="2024-10-08",
        formation="2ème chambre",
        bench=[("Marc Orsini", False, "président"), ("Laetitia Pastor", True, "première conseillère"),
               ("Kevin Martelli", False, "conseiller")],
        rapporteur_public=("Audrey Blanchi", True), greffier="Corinne Lorenzi",
        reqs=[person("Mme S... T...", fem=True)], lawyer="Me Nora Haddad", dfd=am,
        acte="la décision implicite par laquelle le préfet des Alpes-Maritimes a rejeté sa demande tendant à la délivrance d'un récépissé de demande de titre de séjour",
        annule="La décision implicite par laquelle le préfet des Alpes-Maritimes a rejeté la demande de Mme S... T... tendant à la délivrance d'un récépissé de demande de titre de séjour est annulée.",
        moyen="Mme S... T... a présenté sa demande par courrier recommandé après que le module de rendez-vous en ligne de la préfecture lui eut été inaccessible pendant plus de huit mois",
        asked=("lui délivrer un récépissé", dl("dans un délai de huit jours", days=8),
               ast("sous astreinte de 200 euros par jour de retard", 200, "jour")),
        result="annulation",
        ordered={"to": am, "measure": "délivrer à Mme S... T... un récépissé de demande de titre de séjour et d'instruire sa demande",
                 "deadline": dl(f"dans un délai d'un mois {NOTIF_JUG}", months=1, anchor="notification"),
                 "astreinte": ast("sous astreinte de 200 euros par jour de retard", 200, "jour")},
        topics=["rendez-vous-prefecture", "titre-de-sejour", "alternative-non-dematerialisee"], running="footer-page-of",
        exercises="jugement (2ème chambre): annulation + injonction one month under 200 €/day as asked"))
    C.append(liquidation(
        court="TA77", number="2500936", date="2025-02-06", hearing="2025-02-04", judge_name="Marc Dubreuil",
        judge_fem=False, greffier="Sophie Lamy", reqs=[person("M. U... V..."), person("Mme W... V...", fem=True)],
        lawyer="Me Fatou Diallo", dfd=sem,
        first={"number": "2406655", "date": "2024-11-05",
               "measure": "fixer à M. U... V... et à Mme W... V... un rendez-vous pour le dépôt de leurs demandes de titre de séjour",
               "deadline": dl("dans un délai de quinze jours à compter de la notification de l'ordonnance", days=15, anchor="notification"),
               "astreinte": ast("sous astreinte de 100 euros par jour de retard", 100, "jour")},
        facts="l'ordonnance du 5 novembre 2024, notifiée le 16 novembre 2024, n'avait reçu aucun commencement "
              "d'exécution à l'expiration du délai de quinze jours qu'elle fixait, le préfet s'étant borné à "
              "proposer le 16 décembre 2024 un rendez-vous auquel il a ensuite renoncé.",
        liquidated={"rate": None, "sum": "1 500 €", "period": "du 2 décembre 2024 au 16 décembre 2024"},
        new_astreinte={"deadline": {"text": f"dans un délai de huit jours {NOTIF_ORD}", "short": "huit jours",
                                    "days": 8, "anchor": "notification"},
                       "astreinte": ast("sous astreinte de 200 euros par jour de retard", 200, "jour")},
        running="footer-dash",
        exercises="execution: liquidation of 1 500 € and a new injunction under 200 €/day within eight days"))
    return C


def build_all() -> list[Case]:
    cases = corpus()
    stems = [c.stem for c in cases]
    if len(set(stems)) != len(stems):
        raise ValueError(f"duplicate stems: {sorted(s for s in stems if stems.count(s) > 1)}")
    return cases
