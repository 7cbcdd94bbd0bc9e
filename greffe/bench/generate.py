"""Synthetic French administrative-court decisions for the search benchmark.

`decisions(n, seed)` streams `n` dicts, each a plausible order or judgment of 2 to 6 pages
(about 600 to 3 000 words): an entête (court, case number, parties), visas, considérants
(motifs) and a dispositif, built from phrasing templates written for this benchmark, with the
structured fields a search filters on (court kind, city and code, date, decision type,
procedure, outcomes, authorities, topics, injunction, pronounced astreinte amounts).

The text is not real case law: it only has the shape, the vocabulary and the statistics
(long common legal words, many names and numbers, a few rare words) that a text index sees.
Deterministic for a given (n, seed); nothing is held in memory beyond one decision.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

# (kind, city, département number of the seat) -- the code is kind + département, CE alone.
TA_CITIES = (
    ("Amiens", "80"), ("Bastia", "2B"), ("Besançon", "25"), ("Bordeaux", "33"), ("Caen", "14"),
    ("Cergy-Pontoise", "95"), ("Châlons-en-Champagne", "51"), ("Clermont-Ferrand", "63"),
    ("Dijon", "21"), ("Grenoble", "38"), ("Lille", "59"), ("Limoges", "87"), ("Lyon", "69"),
    ("Marseille", "13"), ("Melun", "77"), ("Montpellier", "34"), ("Montreuil", "93"),
    ("Nancy", "54"), ("Nantes", "44"), ("Nice", "06"), ("Nîmes", "30"), ("Orléans", "45"),
    ("Paris", "75"), ("Pau", "64"), ("Poitiers", "86"), ("Rennes", "35"), ("Rouen", "76"),
    ("Strasbourg", "67"), ("Toulon", "83"), ("Toulouse", "31"), ("Versailles", "78"),
    ("Cayenne", "973"), ("Basse-Terre", "971"), ("Fort-de-France", "972"),
    ("Saint-Denis", "974"), ("Mayotte", "976"), ("Nouméa", "988"), ("Papeete", "987"),
)
CAA_CITIES = (("Bordeaux", "33"), ("Douai", "59"), ("Lyon", "69"), ("Marseille", "13"),
              ("Nancy", "54"), ("Nantes", "44"), ("Paris", "75"), ("Toulouse", "31"),
              ("Versailles", "78"))

# ~100 départements: (number, name as "préfet de ..." writes it, slug of the authority key)
DEPARTEMENTS = tuple(
    (f"{i:02d}", name, slug) for i, (name, slug) in enumerate((
        ("l'Ain", "ain"), ("l'Aisne", "aisne"), ("l'Allier", "allier"),
        ("des Alpes-de-Haute-Provence", "alpes-de-haute-provence"), ("des Hautes-Alpes", "hautes-alpes"),
        ("des Alpes-Maritimes", "alpes-maritimes"), ("de l'Ardèche", "ardeche"), ("des Ardennes", "ardennes"),
        ("de l'Ariège", "ariege"), ("de l'Aube", "aube"), ("de l'Aude", "aude"), ("de l'Aveyron", "aveyron"),
        ("des Bouches-du-Rhône", "bouches-du-rhone"), ("du Calvados", "calvados"), ("du Cantal", "cantal"),
        ("de la Charente", "charente"), ("de la Charente-Maritime", "charente-maritime"), ("du Cher", "cher"),
        ("de la Corrèze", "correze"), ("de la Côte-d'Or", "cote-d-or"), ("des Côtes-d'Armor", "cotes-d-armor"),
        ("de la Creuse", "creuse"), ("de la Dordogne", "dordogne"), ("du Doubs", "doubs"), ("de la Drôme", "drome"),
        ("de l'Eure", "eure"), ("d'Eure-et-Loir", "eure-et-loir"), ("du Finistère", "finistere"), ("du Gard", "gard"),
        ("de la Haute-Garonne", "haute-garonne"), ("du Gers", "gers"), ("de la Gironde", "gironde"),
        ("de l'Hérault", "herault"), ("d'Ille-et-Vilaine", "ille-et-vilaine"), ("de l'Indre", "indre"),
        ("d'Indre-et-Loire", "indre-et-loire"), ("de l'Isère", "isere"), ("du Jura", "jura"), ("des Landes", "landes"),
        ("de Loir-et-Cher", "loir-et-cher"), ("de la Loire", "loire"), ("de la Haute-Loire", "haute-loire"),
        ("de la Loire-Atlantique", "loire-atlantique"), ("du Loiret", "loiret"), ("du Lot", "lot"),
        ("de Lot-et-Garonne", "lot-et-garonne"), ("de la Lozère", "lozere"), ("de Maine-et-Loire", "maine-et-loire"),
        ("de la Manche", "manche"), ("de la Marne", "marne"), ("de la Haute-Marne", "haute-marne"),
        ("de la Mayenne", "mayenne"), ("de Meurthe-et-Moselle", "meurthe-et-moselle"), ("de la Meuse", "meuse"),
        ("du Morbihan", "morbihan"), ("de la Moselle", "moselle"), ("de la Nièvre", "nievre"), ("du Nord", "nord"),
        ("de l'Oise", "oise"), ("de l'Orne", "orne"), ("du Pas-de-Calais", "pas-de-calais"),
        ("du Puy-de-Dôme", "puy-de-dome"), ("des Pyrénées-Atlantiques", "pyrenees-atlantiques"),
        ("des Hautes-Pyrénées", "hautes-pyrenees"), ("des Pyrénées-Orientales", "pyrenees-orientales"),
        ("du Bas-Rhin", "bas-rhin"), ("du Haut-Rhin", "haut-rhin"), ("du Rhône", "rhone"),
        ("de la Haute-Saône", "haute-saone"), ("de Saône-et-Loire", "saone-et-loire"), ("de la Sarthe", "sarthe"),
        ("de la Savoie", "savoie"), ("de la Haute-Savoie", "haute-savoie"), ("de Paris", "paris"),
        ("de la Seine-Maritime", "seine-maritime"), ("de Seine-et-Marne", "seine-et-marne"),
        ("des Yvelines", "yvelines"), ("des Deux-Sèvres", "deux-sevres"), ("de la Somme", "somme"),
        ("du Tarn", "tarn"), ("de Tarn-et-Garonne", "tarn-et-garonne"), ("du Var", "var"),
        ("de Vaucluse", "vaucluse"), ("de la Vendée", "vendee"), ("de la Vienne", "vienne"),
        ("de la Haute-Vienne", "haute-vienne"), ("des Vosges", "vosges"), ("de l'Yonne", "yonne"),
        ("du Territoire de Belfort", "territoire-de-belfort"), ("de l'Essonne", "essonne"),
        ("des Hauts-de-Seine", "hauts-de-seine"), ("de la Seine-Saint-Denis", "seine-saint-denis"),
        ("du Val-de-Marne", "val-de-marne"), ("du Val-d'Oise", "val-d-oise"), ("de la Guadeloupe", "guadeloupe"),
        ("de la Martinique", "martinique"), ("de la Guyane", "guyane"), ("de La Réunion", "la-reunion"),
        ("de Mayotte", "mayotte"), ("de la Corse-du-Sud", "corse-du-sud"), ("de la Haute-Corse", "haute-corse"),
    ), start=1)
)
NATIONAL = (("le ministre de l'intérieur", "ministre:interieur"),
            ("l'Office français de l'immigration et de l'intégration", "ofii"),
            ("l'Office français de protection des réfugiés et apatrides", "ofpra"),
            ("l'Agence nationale des titres sécurisés", "ants"),
            ("le préfet de police", "prefet-de-police"))

FIRST = ("Mohamed", "Fatoumata", "Amadou", "Aïcha", "Ibrahim", "Mariam", "Youssef", "Khadija", "Sergueï",
         "Olena", "Ahmed", "Nadia", "Moussa", "Awa", "Karim", "Leïla", "Bakary", "Djeneba", "Omar", "Samira",
         "Arben", "Lindita", "Tenzin", "Mehmet", "Zeynep", "Jean-Baptiste", "Marie-Claire", "Dumitru", "Ana")
LAST = ("Diallo", "Traoré", "Koné", "Benali", "Haddad", "Nguyen", "Kovalenko", "Petrov", "Camara",
        "Cissé", "Bangoura", "Mendy", "Ouédraogo", "Sow", "Bah", "Keïta", "Yilmaz", "Demir", "Krasniqi",
        "Hoxha", "Popescu", "Ionescu", "Da Silva", "Fofana", "Sylla", "Touré", "Benmansour", "Zerrouki")
JUDGES = ("M. Dupont", "Mme Lefèvre", "M. Garnier", "Mme Rousseau", "M. Faure", "Mme Chevalier",
          "M. Bertrand", "Mme Mercier", "M. Lambert", "Mme Bonnet", "M. Fontaine", "Mme Girard")
LAWYERS = ("Me Martin", "Me Bernard", "Me Thomas", "Me Petit", "Me Robert", "Me Richard", "Me Durand",
           "Me Moreau", "Me Simon", "Me Laurent", "Me Michel", "Me Leroy", "Me Roux", "Me David")
ASSOCIATIONS = ("La Cimade", "le Groupe d'information et de soutien des immigré·es (GISTI)",
                "l'Association de défense des droits des étrangers (ADDE)", "la Ligue des droits de l'Homme",
                "le Syndicat des avocats de France", "l'association Avocats pour la défense des droits des étrangers")

TOPICS = {  # topic -> (sentences that say it, the titre or démarche asked for)
    "rendez-vous-prefecture": (
        "les tentatives répétées de l'intéressé pour obtenir un rendez-vous en préfecture par le site internet de la préfecture sont restées vaines",
        "aucun créneau de rendez-vous n'était disponible sur la plateforme de prise de rendez-vous en ligne",
        "il justifie de plus de cinquante captures d'écran attestant de l'absence de rendez-vous disponible",
    ),
    "anef": (
        "la demande a été déposée sur l'administration numérique pour les étrangers en France (ANEF)",
        "le téléservice ANEF n'a délivré aucune attestation de prolongation d'instruction",
        "le dossier déposé sur l'ANEF demeure en cours d'instruction depuis plus de quatre mois",
    ),
    "demarches-simplifiees": (
        "la préfecture impose le dépôt des demandes par la plateforme démarches simplifiées",
        "le formulaire de la plateforme démarches simplifiées ne permettait pas de joindre les pièces requises",
    ),
    "alternative-non-dematerialisee": (
        "l'administration doit garantir une solution de substitution non dématérialisée aux usagers",
        "aucune modalité alternative non dématérialisée n'a été proposée au requérant",
        "le pouvoir réglementaire ne peut imposer le recours exclusif à un téléservice sans prévoir un accueil physique",
    ),
    "titre-de-sejour": (
        "l'intéressé sollicite le renouvellement de son titre de séjour portant la mention vie privée et familiale",
        "la carte de séjour pluriannuelle arrive à expiration et le récépissé n'a pas été délivré",
        "la demande de carte de résident a été présentée dans les délais",
    ),
    "asile": (
        "le requérant a présenté une demande d'asile auprès du guichet unique pour demandeurs d'asile",
        "les conditions matérielles d'accueil ont été suspendues par l'Office français de l'immigration et de l'intégration",
        "l'enregistrement de la demande d'asile doit intervenir dans un délai de trois jours ouvrés",
    ),
    "eloignement": (
        "le préfet a pris à son encontre une obligation de quitter le territoire français sans délai",
        "la décision fixant le pays de renvoi méconnaît l'article 3 de la convention européenne",
        "l'interdiction de retour sur le territoire français d'une durée de deux ans est annulée",
    ),
    "visa": (
        "la commission de recours contre les décisions de refus de visa d'entrée en France a implicitement rejeté le recours",
        "le visa de long séjour sollicité au titre du regroupement familial a été refusé",
    ),
    "naturalisation": (
        "la demande de naturalisation a été ajournée à deux ans",
        "le décret de naturalisation n'est pas intervenu dans le délai de dix-huit mois",
    ),
}

VISAS = (
    "Vu la requête, enregistrée le {d1}, présentée par {lawyer}, pour {person}",
    "Vu le mémoire en défense, enregistré le {d2}, présenté par {authority}, qui conclut au rejet de la requête",
    "Vu les autres pièces du dossier",
    "Vu la Constitution, notamment son Préambule",
    "Vu la convention européenne de sauvegarde des droits de l'homme et des libertés fondamentales",
    "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile",
    "Vu le code des relations entre le public et l'administration",
    "Vu le décret n° 2021-313 du 24 mars 2021 relatif à la mise en place d'un téléservice pour le dépôt des demandes de titres de séjour",
    "Vu la loi n° 91-647 du 10 juillet 1991 relative à l'aide juridique",
    "Vu le code de justice administrative",
    "Vu la décision par laquelle le président du tribunal a désigné {judge} pour statuer sur les demandes de référé",
    "Les parties ont été régulièrement averties du jour de l'audience",
    "Au cours de l'audience publique du {d2}, ont été entendus le rapport de {judge} et les observations de {lawyer}",
    "La clôture de l'instruction a été prononcée à l'issue de l'audience",
)

MOTIFS = (
    "Aux termes de l'article L. {art} du code de justice administrative : « Saisi d'une demande en ce sens justifiée par l'urgence, le juge des référés peut ordonner toutes mesures nécessaires à la sauvegarde d'une liberté fondamentale ».",
    "Aux termes de l'article R. {art} du code de l'entrée et du séjour des étrangers et du droit d'asile, la demande de titre de séjour est présentée par voie dématérialisée.",
    "Il résulte de l'instruction que {topic}.",
    "Il ressort des pièces du dossier que {topic}, ainsi que l'établissent les courriels adressés les {d1} et {d2}.",
    "Dans ces conditions, {person} justifie d'une situation d'urgence au sens de ces dispositions.",
    "La condition d'urgence doit être regardée comme remplie lorsque la décision administrative préjudicie de manière suffisamment grave et immédiate à un intérêt public, à la situation du requérant ou aux intérêts qu'il entend défendre.",
    "Le refus de délivrer un récépissé prive l'intéressé de la possibilité de justifier de la régularité de son séjour et de poursuivre son activité professionnelle auprès de la société {company}.",
    "Le préfet fait valoir en défense que le service connaît un afflux exceptionnel de demandes et que des créneaux supplémentaires sont ouverts chaque semaine.",
    "Toutefois, {authority} n'apporte aucun élément de nature à établir qu'une solution de substitution aurait été proposée.",
    "Il n'est pas contesté que l'intéressé réside en France depuis {years} ans avec son épouse et leurs {kids} enfants scolarisés à {city}.",
    "Le moyen tiré de l'erreur manifeste d'appréciation n'est pas de nature, en l'état de l'instruction, à créer un doute sérieux quant à la légalité de la décision.",
    "Le moyen tiré de la méconnaissance de l'article 8 de la convention européenne de sauvegarde des droits de l'homme et des libertés fondamentales est propre à créer un doute sérieux.",
    "Il y a lieu, dans les circonstances de l'espèce, de mettre à la charge de l'État la somme de {frais} euros au titre des frais exposés et non compris dans les dépens.",
    "La demande d'admission provisoire à l'aide juridictionnelle est devenue sans objet.",
    "Eu égard à l'office du juge des référés, la mesure sollicitée présente un caractère provisoire.",
    "Il appartient à l'autorité administrative, lorsqu'elle organise un téléservice, de garantir l'accès effectif des usagers au service public.",
    "Selon l'attestation produite par {association}, plus de {many} personnes se trouvent dans la même situation dans le département.",
    "Il ne résulte pas de l'instruction que l'intéressé aurait accompli les diligences nécessaires auprès des services de la préfecture.",
    "Le refus implicite né du silence gardé pendant deux mois sur la demande présentée le {d1} doit être regardé comme une décision faisant grief.",
    "Par un courrier du {d2}, {authority} a informé l'intéressé que sa demande était en cours d'examen.",
    "La circonstance que la plateforme numérique connaîtrait des dysfonctionnements ponctuels est sans incidence sur l'obligation qui pèse sur l'administration.",
    "Le juge de l'exécution peut prononcer une astreinte afin d'assurer l'exécution de sa décision.",
    "M. {last} soutient que la décision attaquée est insuffisamment motivée et entachée d'un vice de procédure faute de saisine de la commission du titre de séjour.",
)

OUTCOME_LINES = {
    "rejet": "La requête de {person} est rejetée.",
    "non-lieu": "Il n'y a pas lieu de statuer sur les conclusions de la requête de {person}.",
    "desistement": "Il est donné acte du désistement de la requête de {person}.",
    "suspension": "L'exécution de la décision du {d1} est suspendue.",
    "annulation": "La décision du {d1} par laquelle {authority} a refusé de délivrer un titre de séjour est annulée.",
    "injonction": "Il est enjoint à {authority} de {measure} dans un délai de {delay} à compter de la notification de la présente ordonnance.",
    "astreinte": "Cette injonction est assortie d'une astreinte de {amount} euros par jour de retard.",
    "liquidation": "L'astreinte prononcée par le jugement du {d1} est liquidée à la somme de {liquid} euros.",
    "renvoi": "L'affaire est renvoyée devant une formation collégiale du tribunal.",
    "incompetence": "Les conclusions de la requête sont rejetées comme portées devant une juridiction incompétente pour en connaître.",
}
MEASURES = ("fixer un rendez-vous à M. {last} pour l'enregistrement de sa demande de titre de séjour",
            "délivrer à {person} un récépissé de demande de titre de séjour l'autorisant à travailler",
            "procéder au réexamen de la situation de {person}",
            "enregistrer la demande d'asile de {person} et lui remettre l'attestation correspondante",
            "proposer à l'intéressé une modalité de dépôt non dématérialisée de sa demande",
            "statuer sur la demande de {person}")
DELAYS = ("huit jours", "quinze jours", "un mois", "deux mois", "trois mois", "quarante-huit heures", "dix jours")
AMOUNTS = (20, 50, 50, 100, 100, 100, 150, 200, 300, 500, 1000)
COMPANIES = ("Batiprim", "Nettoyage Services Plus", "Transports Ardennais", "Restauration du Parc",
             "Logistique Rhodanienne", "Aide à domicile Solidaire", "BTP Méditerranée")

# (decision type, procedure, court kinds where it occurs, weight)
PROCEDURES = (("ordonnance", "refere-liberte", ("TA", "CE"), 30), ("ordonnance", "refere-suspension", ("TA",), 15),
              ("ordonnance", "refere-mesures-utiles", ("TA",), 25), ("jugement", "fond", ("TA",), 15),
              ("jugement", "execution", ("TA",), 4), ("arret", "appel", ("CAA",), 8),
              ("decision", "cassation", ("CE",), 3))


def _date(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def _french(d: dt.date) -> str:
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre")
    return f"{'1er' if d.day == 1 else d.day} {months[d.month - 1]} {d.year}"


def _outcomes(rng: random.Random, procedure: str) -> list[str]:
    draw = rng.random()
    if procedure == "execution":
        return ["liquidation"] if draw < 0.5 else ["astreinte", "injonction"] if draw < 0.8 else ["rejet"]
    if draw < 0.40:
        return ["rejet"]
    if draw < 0.50:
        return ["non-lieu"]
    if draw < 0.53:
        return ["desistement"]
    if draw < 0.55:
        return ["incompetence"]
    if draw < 0.57:
        return ["renvoi"]
    found = ["injonction"]
    if procedure == "refere-suspension":
        found.insert(0, "suspension")
    if procedure in ("fond", "appel") and rng.random() < 0.7:
        found.insert(0, "annulation")
    if rng.random() < 0.25:
        found.append("astreinte")
    return found


def decisions(n: int, seed: int = 0) -> Iterator[dict]:
    """Stream `n` synthetic decisions: id, text, summary (entête + visas' first lines +
    dispositif) and the structured fields a search filters on."""
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    span_days = (dt.date(2026, 10, 31) - start).days
    weights = [w for *_, w in PROCEDURES]
    topic_names = list(TOPICS)
    for i in range(n):
        decision_type, procedure, kinds, _ = rng.choices(PROCEDURES, weights)[0]
        kind = rng.choice(kinds)
        if kind == "TA":
            city, dep = rng.choice(TA_CITIES)
            code = f"TA{dep}"
        elif kind == "CAA":
            city, dep = rng.choice(CAA_CITIES)
            code = f"CAA{dep}"
        else:
            city, dep, code = "Paris", "75", "CE"
        decided = _date(rng, start, span_days)
        d1 = _french(decided - dt.timedelta(days=rng.randrange(20, 400)))
        d2 = _french(decided - dt.timedelta(days=rng.randrange(1, 19)))
        if rng.random() < 0.85:
            num, dep_name, slug = rng.choice(DEPARTEMENTS)
            authority, key = f"le préfet {dep_name}", f"prefet:{slug}"
        else:
            authority, key = rng.choice(NATIONAL)
        authorities = [key]
        if rng.random() < 0.08:
            other, other_key = rng.choice(NATIONAL)
            if other_key != key:
                authorities.append(other_key)
        topics = sorted(set(rng.sample(topic_names, rng.choice((1, 1, 2, 2, 3)))))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person = f"{'M.' if rng.random() < 0.6 else 'Mme'} {first} {last}"
        lawyer, judge = rng.choice(LAWYERS), rng.choice(JUDGES)
        outcomes = _outcomes(rng, procedure)
        amounts = [float(rng.choice(AMOUNTS))] if "astreinte" in outcomes else []
        number = f"{decided.year % 100:02d}{rng.randrange(100000):05d}"
        slots = dict(d1=d1, d2=d2, lawyer=lawyer, judge=judge, person=person, authority=authority,
                     last=last, city=city, association=rng.choice(ASSOCIATIONS),
                     company=rng.choice(COMPANIES))

        court_name = ("Conseil d'État" if kind == "CE" else
                      f"Tribunal administratif de {city}" if kind == "TA" else
                      f"Cour administrative d'appel de {city}")
        entete = (f"{court_name.upper()}\nN° {number}\n{person}\n"
                  f"{'Ordonnance' if decision_type == 'ordonnance' else decision_type.capitalize()}"
                  f" du {_french(decided)}\nRÉPUBLIQUE FRANÇAISE\nAU NOM DU PEUPLE FRANÇAIS\n"
                  f"{judge}, juge des référés\n")
        visas = [v.format(**slots) for v in VISAS if rng.random() < 0.8]
        pages = rng.randint(2, 6)
        target = pages * rng.randint(280, 500)
        motifs: list[str] = []
        words = sum(len(v.split()) for v in visas) + 60
        consid = 1
        while words < target:
            template = rng.choice(MOTIFS)
            sentence = template.format(
                topic=rng.choice(TOPICS[rng.choice(topics)]), art=f"{rng.choice((521, 421, 911, 431, 313, 425, 611, 761))}-{rng.randint(1, 4)}",
                years=rng.randint(2, 22), kids=rng.randint(1, 5), frais=rng.choice((800, 1000, 1200, 1500)),
                many=rng.randrange(50, 3000), **slots)
            paragraph = f"{consid}. {sentence}"
            if rng.random() < 0.3:  # a rare word: a place, a file reference, a name
                paragraph += f" (pièce n° {rng.randrange(1, 80)}, réf. {rng.randrange(10**6):06d}, {rng.choice(FIRST)} {rng.choice(LAST)})"
            motifs.append(paragraph)
            words += len(paragraph.split())
            consid += 1
        lines = []
        for outcome in outcomes:
            line = OUTCOME_LINES.get(outcome)
            if line:
                lines.append(line.format(measure=rng.choice(MEASURES).format(**slots),
                                         delay=rng.choice(DELAYS),
                                         amount=f"{int(amounts[0]):,}".replace(",", " ") if amounts else "100",
                                         liquid=rng.randrange(500, 30000), **slots))
        lines.append("Le surplus des conclusions de la requête est rejeté." if outcomes[0] != "rejet"
                     else "Les conclusions présentées au titre de l'article L. 761-1 du code de justice administrative sont rejetées.")
        lines.append(f"La présente ordonnance sera notifiée à {person} et à {authority}.")
        dispositif = "\n".join(f"Article {k} : {line}" for k, line in enumerate(lines, 1))
        text = (entete + "\n" + "\n".join(visas) + "\n\nConsidérant ce qui suit :\n\n"
                + "\n".join(motifs) + "\n\nORDONNE :\n\n" + dispositif
                + f"\n\nFait à {city}, le {_french(decided)}.\n{judge}\n")
        summary = entete + "\n" + "\n".join(visas[:2]) + "\n" + dispositif
        yield {
            "id": f"{code}-{number}-{decided.isoformat()}-{i}",
            "text": text,
            "summary": summary,
            "court_kind": kind,
            "city": city,
            "code": code,
            "decision_date": decided,
            "decision_type": decision_type,
            "procedure": procedure,
            "outcomes": outcomes,
            "authorities": authorities,
            "topics": topics,
            "has_injunction": "injonction" in outcomes,
            "astreinte_amounts": amounts,
        }
