"""The open data of the administrative justice: one XML file per decision, or monthly ZIP
archives of them. Reading only, no extraction: `read_xml` gives a `ParsedDocument` whose text
is the paragraphs of `<Texte_Integral>` and whose metadata is the `<Dossier>` and `<Audience>`."""
from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from .errors import UnreadableDocument
from .model import Metadata, ParsedDocument, Source

MAX_XML_BYTES = 20 * 1024 * 1024        # the largest real decision is ~60 KB
MAX_ZIP_MEMBERS = 200_000
ZIP_SEPARATOR = "!"                     # archive.zip!TA38/ORTA_2502403_20250314.xml

# Seen in real archives: `<Texte_Integral></p>` (a closing tag with no opening one) right
# after the opening tag. Dropping the stray closer makes the file well formed again.
_STRAY_CLOSING_P = re.compile(rb"(<Texte_Integral>\s*)</p>")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_xml(data: bytes, path: str) -> ParsedDocument:
    """Parse one open-data XML decision. Raises `UnreadableDocument` when it cannot be read."""
    digest = sha256_bytes(data)
    if not data.strip():
        raise UnreadableDocument("empty", f"{path}: the file is empty; check the download and drop it again")
    if len(data) > MAX_XML_BYTES:
        raise UnreadableDocument("too-large", f"{path}: {len(data)} bytes is far more than any decision; "
                                 "is it really one open-data XML decision?")
    warnings: list[str] = []
    repaired = _STRAY_CLOSING_P.sub(rb"\1", data)
    if repaired != data:
        warnings.append("xml: repaired a stray </p> after <Texte_Integral>")
    try:
        root = SafeET.fromstring(repaired.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise UnreadableDocument("xml-encoding", f"{path}: not UTF-8 ({e.reason} at byte {e.start}); "
                                 "open-data files are UTF-8, check the file's origin") from e
    except DefusedXmlException as e:
        raise UnreadableDocument("xml-hostile", f"{path}: the XML declares entities or a DTD ({type(e).__name__}); "
                                 "open-data files never do, the file was refused") from e
    except ParseError as e:
        raise UnreadableDocument("xml-malformed", f"{path}: XML is not well formed ({e}); "
                                 "fix the file or fetch it again from the open data") from e
    if root.tag != "Document" or root.find("Decision") is None:
        raise UnreadableDocument("xml-not-decision", f"{path}: this XML is not an open-data decision "
                                 "(no <Document>/<Decision>); it was set aside")
    meta = _metadata(root)
    if not meta.numero_dossier:
        warnings.append("xml: no Numero_Dossier; the case number comes from the text")
    text = _text(root.find("Decision/Texte_Integral"))
    if not text.strip():
        raise UnreadableDocument("xml-no-text", f"{path}: <Texte_Integral> is empty; nothing to extract")
    source = Source(path=path, sha256=digest, format="xml", pages=None, ocr=False)
    return ParsedDocument(text=text, source=source, meta=meta, textmap=None, warnings=tuple(warnings))


def _field(root: Element, path: str) -> str | None:
    el = root.find(path)
    if el is None or el.text is None:
        return None
    value = " ".join(el.text.split())
    return value or None


def _metadata(root: Element) -> Metadata:
    return Metadata(
        identification=_field(root, "Donnees_Techniques/Identification"),
        date_mise_jour=_field(root, "Donnees_Techniques/Date_Mise_Jour"),
        code_juridiction=_field(root, "Dossier/Code_Juridiction"),
        nom_juridiction=_field(root, "Dossier/Nom_Juridiction"),
        numero_dossier=_field(root, "Dossier/Numero_Dossier"),
        date_lecture=_field(root, "Dossier/Date_Lecture"),
        ecli=_field(root, "Dossier/Numero_ECLI"),
        avocat_requerant=_field(root, "Dossier/Avocat_Requerant"),
        type_decision=_field(root, "Dossier/Type_Decision"),
        type_recours=_field(root, "Dossier/Type_Recours"),
        code_publication=_field(root, "Dossier/Code_Publication"),
        date_audience=_field(root, "Audience/Date_Audience"),
        formation=_field(root, "Audience/Formation_Jugement"),
    )


def _text(el: Element | None) -> str:
    """Paragraphs one per line; `<br/>` is a line break; spaces inside a line folded."""
    if el is None:
        return ""
    lines: list[str] = []
    chunks = [el.text or ""]
    for child in el:
        if child.tag == "p":
            chunks.append("\n")
            chunks.append(_inline(child))
            chunks.append("\n")
        elif child.tag == "br":
            chunks.append("\n")
        else:
            chunks.append(_inline(child))
        chunks.append(child.tail or "")
    for line in "".join(chunks).split("\n"):
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _inline(el: Element) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "br" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def iter_zip(path: str, max_member_bytes: int = MAX_XML_BYTES) -> Iterator[tuple[str, bytes | UnreadableDocument]]:
    """(member path, bytes) for each XML member of an open-data archive, or the reason a member
    was refused. Nothing is written to disk, so a `../` name cannot escape; a member whose
    declared or real size is beyond `max_member_bytes` (a ZIP bomb) is refused unread."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise UnreadableDocument("zip-corrupt", f"{path}: not a readable ZIP archive ({e}); "
                                 "download the archive again") from e
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_MEMBERS:
            raise UnreadableDocument("zip-too-many", f"{path}: {len(infos)} members; the monthly archives "
                                     f"hold far fewer, the archive was set aside")
        for info in infos:
            name = info.filename
            member = f"{path}{ZIP_SEPARATOR}{name}"
            if not name.lower().endswith(".xml"):
                continue
            if _unsafe_member(name):
                yield member, UnreadableDocument("zip-unsafe-path", f"{member}: the member's path leaves the "
                                                 "archive ('..' or absolute); it was not read")
                continue
            if info.file_size > max_member_bytes:
                yield member, UnreadableDocument("zip-bomb", f"{member}: declares {info.file_size} bytes "
                                                 "uncompressed; refused as a possible ZIP bomb")
                continue
            try:
                with archive.open(info) as fh:
                    data = fh.read(max_member_bytes + 1)
            except (zipfile.BadZipFile, OSError, EOFError) as e:
                yield member, UnreadableDocument("zip-corrupt", f"{member}: cannot be decompressed ({e})")
                continue
            if len(data) > max_member_bytes:
                yield member, UnreadableDocument("zip-bomb", f"{member}: inflates beyond {max_member_bytes} "
                                                 "bytes; refused as a possible ZIP bomb")
                continue
            yield member, data


def _unsafe_member(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or bool(re.match(r"^[A-Za-z]:", name))
