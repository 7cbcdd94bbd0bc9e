"""Small factories shared by the extractor tests."""
from __future__ import annotations


def in_zone(zone: str, sentence: str) -> str:
    """A minimal decision holding `sentence` in `zone` (visas, motifs or dispositif)."""
    parts = {"visas": "", "motifs": "", "dispositif": ""}
    parts[zone] = sentence + "\n"
    return ("Vu la procédure suivante :\n" + parts["visas"] + "Vu les autres pièces du dossier ;\n"
            "Considérant ce qui suit :\n" + parts["motifs"] + "1. ...\nO R D O N N E :\n" + parts["dispositif"] +
            "Article 9 : La présente ordonnance sera notifiée à M. A.\nFait à Paris, le 2 novembre 2021\n")
