"""What arrives at the evidence panel, and adding it: files (chosen, dragged from a folder
or copied in one), and pictures that come as data rather than files — a screenshot pasted
from the clipboard (Ctrl+V), a picture dragged out of a browser, a ``data:`` address.

A picture that comes as data is written into a private folder of the data folder as a file
(a PNG for an image; a ``data:`` address's bytes as they are), added through the same
service as any file (type judged by content, size limit, SHA-256) with "captured now", and
its temporary file removed. A web address of a picture (``https://…``) cannot be fetched:
Avenue Desk works offline, and the panel says what to do instead.

``read_arrivals`` runs on the GUI thread (a QMimeData belongs to it); ``add_arrivals`` runs
on a worker (QImage is reentrant, and saving and hashing take time).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtGui import QImage, QPixmap

from avenue_desk.services.core.errors import Cancelled, NotFound, ValidationError
from avenue_desk.services.core.files import private_folder
from avenue_desk.ui.widgets.evidence_thumbnails import human_size, thumbnail_image

REMOTE = ("“{url}” is a link to something on the internet. Avenue Desk works offline and "
          "does not download it: in the browser, right-click the picture and choose “Save "
          "image as…” (or take a screenshot), then add the saved file here.")
_DATA_URL = re.compile(r"data:([\w.+-]+/[\w.+-]+)?((?:;[^,;]*)*?)(;base64)?,(.*)", re.DOTALL)
_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
               "image/webp": ".webp", "image/bmp": ".bmp", "application/pdf": ".pdf",
               "text/html": ".html"}


@dataclass(frozen=True)
class Picture:
    """A picture that arrived as data, not as a file: kept under ``name``."""

    name: str
    image: QImage | None = None  # saved as a PNG
    data: bytes = b""  # kept exactly as it came (a data: address's bytes)
    note: str = ""  # where it came from, kept with the evidence


@dataclass
class Arrivals:
    """What a paste or a drop brought: files, pictures, and addresses that cannot be
    fetched (each with the sentence that says so)."""

    paths: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def addable(self) -> list:
        return [*self.paths, *self.pictures]

    def __bool__(self) -> bool:
        return bool(self.paths or self.pictures or self.refused)


def read_arrivals(mime, stamp: str, how: str) -> Arrivals:
    """What ``mime`` holds that can become evidence. ``stamp`` ("2026-11-21 09.30") names
    pictures; ``how`` ("Pasted", "Dropped") starts their names."""
    found = Arrivals()
    if mime is None:
        return found
    urls = list(mime.urls()) if mime.hasUrls() else []
    found.paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
    web = [url.toString() for url in urls if url.scheme() in ("http", "https")]
    data_urls = [url.toString() for url in urls if url.scheme() == "data"]
    if mime.hasText() and mime.text().strip().startswith("data:"):
        data_urls.append(mime.text().strip())
    image = _image_of(mime) if mime.hasImage() else None
    if found.paths:
        return found  # files from a folder: the picture data beside them is the same files
    note = f"{how} from a web page: picture address {web[0]}" if web else ""
    if image is not None:
        found.pictures.append(Picture(f"{how} screenshot {stamp}.png", image=image, note=note))
        return found
    for n, url in enumerate(dict.fromkeys(data_urls), 1):
        picture = _from_data_url(url, f"{how} picture {stamp}" + (f" ({n})" if n > 1 else ""),
                                 how)
        if picture is None:
            found.refused.append(f"The {how.lower()} data could not be read as a picture.")
        else:
            found.pictures.append(picture)
    if not found.pictures:
        found.refused += [REMOTE.format(url=url) for url in web]
    return found


def _image_of(mime) -> QImage | None:
    data = mime.imageData()
    if isinstance(data, QPixmap):
        data = data.toImage()
    if isinstance(data, QImage) and not data.isNull():
        return data
    return None


def _from_data_url(url: str, stem: str, how: str) -> Picture | None:
    match = _DATA_URL.match(url)
    if match is None:
        return None
    media_type, _params, is_base64, payload = match.groups()
    try:
        data = (base64.b64decode(payload, validate=False) if is_base64
                else unquote_to_bytes(payload))
    except (binascii.Error, ValueError):
        return None
    if not data:
        return None
    extension = _EXTENSIONS.get((media_type or "").lower(), ".png")
    return Picture(stem + extension, data=data, note=f"{how} from a web page (a data: address)")


def save_picture(picture: Picture, folder: Path) -> Path:
    """Writes the picture into a private folder of its own (its name kept as given)."""
    import tempfile

    private_folder(folder)
    place = Path(tempfile.mkdtemp(dir=folder))  # 0700, and no two pastes share a name
    target = place / picture.name
    if picture.image is not None:
        if not picture.image.save(str(target), "PNG"):
            raise ValidationError({"evidence": f"“{picture.name}” could not be saved."})
    else:
        with open(target, "xb") as handle:
            handle.write(picture.data)
    return target


def _forget(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass  # not empty or already gone: the leftovers tidy will see to it


def add_arrivals(source, owner_id: int, items: list, folder: Path, store, progress):
    """On a worker: each file (a path) or picture (a ``Picture``) copied and fingerprinted
    by the service, the bar moving by bytes, each added picture's thumbnail sent back
    (SHA-256, image, drawn from ``store``: the records' evidence store); returns what was
    added and one message per item not added."""
    sizes = [0 if isinstance(item, Picture) else _size(item) for item in items]
    total, done = sum(sizes), 0
    added, refused = [], []
    for item, size in zip(items, sizes, strict=True):
        name = item.name if isinstance(item, Picture) else Path(item).name
        progress.say(f"Adding “{name}”" + (f" ({human_size(size)})…" if size else "…"))
        try:
            # One file: the service cannot say how far it is, so the bar shows it is busy.
            progress(done, total if len(items) > 1 else 0)
        except Cancelled:  # between files: those added stay added, and are listed
            refused.append(f"“{name}” was not added: cancelled.")
            continue
        try:
            record = _add_one(source, owner_id, item, folder)
        except (ValidationError, NotFound, OSError) as exc:
            refused.append(str(exc) if isinstance(exc, (ValidationError, NotFound)) and str(exc)
                           else f"“{name}” could not be added.")
        else:
            added.append(record)
            progress.send((record.sha256, thumbnail_image(record, store)))
        done += size
    return added, refused


def _add_one(source, owner_id: int, item, folder: Path):
    if not isinstance(item, Picture):
        return source.add(owner_id, item)
    path = save_picture(item, folder)
    try:
        if hasattr(source, "add_captured_now"):
            return source.add_captured_now(owner_id, path, item.note)
        return source.add(owner_id, path)
    finally:
        _forget(path)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # the service says why it cannot be added
