"""The open data of the administrative justice: one XML file per decision, or monthly ZIP
archives of them. Reading only, no extraction: `read_xml` gives a `ParsedDocument` whose text
is the paragraphs of `<Texte_Integral>` and whose metadata is the `<Dossier>` and `<Audience>`."""
from __future__ import annotations

import hashlib
import os
import re
import threading
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
        raise _not_a_zip(path, e) from e
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        names: set[str] = set()
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
            if name in names:       # read_member could not tell them apart
                yield member, UnreadableDocument("zip-duplicate-name", f"{member}: the archive holds "
                                                 "another member of this name before it; only the "
                                                 "first was read")
                continue
            names.add(name)
            if info.file_size > max_member_bytes:
                yield member, UnreadableDocument("zip-bomb", f"{member}: declares {info.file_size} bytes "
                                                 "uncompressed; refused as a possible ZIP bomb")
                continue
            try:
                data: bytes | UnreadableDocument = _member_bytes(archive, info, member, max_member_bytes)
            except UnreadableDocument as e:
                data = e
            yield member, data


def _not_a_zip(path: str, error: Exception) -> UnreadableDocument:
    return UnreadableDocument("zip-corrupt", f"{path}: not a readable ZIP archive ({error}); "
                              "download the archive again")


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str,
                  max_member_bytes: int) -> bytes:
    """The bytes of one member; UnreadableDocument when it cannot be decompressed or inflates
    beyond `max_member_bytes` (read no further)."""
    try:
        with archive.open(info) as fh:
            data = fh.read(max_member_bytes + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise UnreadableDocument("zip-corrupt", f"{member}: cannot be decompressed ({e})") from e
    if len(data) > max_member_bytes:
        raise UnreadableDocument("zip-bomb", f"{member}: inflates beyond {max_member_bytes} "
                                 "bytes; refused as a possible ZIP bomb")
    return data


# The archive `read_member` read from last, open, in this process: ((path, size, mtime), ZipFile).
_LAST_ARCHIVE: list = []
_ARCHIVE_LOCK = threading.Lock()     # Dask workers read in threads


def read_member(path: str, member: str, max_member_bytes: int = MAX_XML_BYTES) -> bytes:
    """The bytes of `member` (`path!name`, as iter_zip names it) read again from the archive at
    `path`: a run's to-do list keeps the names of an archive's members, not their bytes
    (greffe.pipeline.Item.unloaded), and the worker that extracts a member reads it. The archive
    read last stays open (a run's members come in archive order); one whose size or mtime
    changed is opened again. UnreadableDocument when the archive or the member is gone, or the
    member cannot be read."""
    name = member[len(path) + len(ZIP_SEPARATOR):]
    with _ARCHIVE_LOCK:
        try:
            archive = _open_archive(path)
            info = archive.getinfo(name)
        except (FileNotFoundError, KeyError) as e:
            raise UnreadableDocument("vanished", f"{member}: the archive or this member of it "
                                     "disappeared before it could be read; ingest the archive "
                                     "from its new place") from e
        except (zipfile.BadZipFile, OSError) as e:
            raise _not_a_zip(path, e) from e
        return _member_bytes(archive, info, member, max_member_bytes)


def _open_archive(path: str) -> zipfile.ZipFile:
    st = os.stat(path)
    key = (path, st.st_size, st.st_mtime_ns)
    if _LAST_ARCHIVE and _LAST_ARCHIVE[0] == key:
        return _LAST_ARCHIVE[1]
    archive = zipfile.ZipFile(path)
    if _LAST_ARCHIVE:
        _LAST_ARCHIVE[1].close()
    _LAST_ARCHIVE[:] = [key, archive]
    return archive


def _unsafe_member(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or bool(re.match(r"^[A-Za-z]:", name))
