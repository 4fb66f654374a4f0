"""Files sealed with the data key: evidence and backups as a stolen disk would show them
(docs/encryption.md, "Files"). Not used yet: the evidence store and the backups will call it.

A sealed file is a short header and then the content in chunks of a megabyte, each
encrypted and authenticated on its own (AES-256-GCM), so a file of any size is sealed and
opened a chunk at a time, never held whole:

    header   b"ADSEAL\\0\\1" · chunk size (4 bytes, big-endian) · salt (16 random bytes)
    chunk i  AES-GCM(file key, nonce = i as 12 bytes, plaintext ≤ chunk size,
                     associated data = header · i (8 bytes) · last (1 byte))

The file key is HKDF of the data key with the file's own random salt, so no two files share
a key and a chunk's number can be its nonce. The chunk's number and whether it is the last
are bound into its tag: chunks moved about, dropped from the end, copied from another file,
or added after the last all fail to open, as does any change to the header or a byte of
content. A file whose content is empty still has one (empty) last chunk.

The SHA-256 that names and proves a piece of evidence stays that of the ORIGINAL content:
sealing returns it, and opening gives it back, so ``check`` and the police pack prove the
same fingerprint as before.

Opening yields each chunk as soon as its tag is checked; a failure later in the file (a
truncation shows only at the end) raises then, so a caller writes what it reads to a
temporary file and keeps it only when the whole file opened (``unseal_file`` does).
"""

from __future__ import annotations

import hashlib
import secrets
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from avenue_desk.services.core.data_key import subkey
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import CHUNK, atomic_output

MAGIC = b"ADSEAL\x00\x01"
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + 4 + SALT_BYTES
TAG_BYTES = 16
MAX_CHUNK = 64 << 20  # a header claiming more is not one this app wrote


class SealBroken(ServiceError):
    """A sealed file that does not open whole: another key, or changed since it was sealed."""

    def __init__(self, name: str = "The file"):
        super().__init__(f"{name} cannot be opened: it was sealed with another data set's key, "
                         "or it has been changed or cut short since Avenue Desk sealed it.")


def is_sealed(path: Path) -> bool:
    """Whether the file starts as a sealed file does (a plain one is left as it was)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


# --- sealing ----------------------------------------------------------------------------------

def seal_chunks(data_key: bytes, pieces: Iterable[bytes], digest=None,
                chunk_size: int = CHUNK) -> Iterator[bytes]:
    """The sealed file's bytes, header first then chunk by chunk, from the content's pieces
    (of any sizes). ``digest``: a hashlib object fed the original content as it passes."""
    salt = secrets.token_bytes(SALT_BYTES)
    header = MAGIC + struct.pack(">I", chunk_size) + salt
    cipher = AESGCM(_file_key(data_key, salt))
    yield header
    index, held = 0, None
    for chunk in _rechunk(pieces, chunk_size):
        if digest is not None:
            digest.update(chunk)
        if held is not None:
            yield _seal_one(cipher, header, index, held, last=False)
            index += 1
        held = chunk
    yield _seal_one(cipher, header, index, held or b"", last=True)


def seal_stream(data_key: bytes, source: BinaryIO, out: BinaryIO,
                chunk_size: int = CHUNK) -> str:
    """Seals ``source`` into ``out``; returns the SHA-256 of the original content."""
    digest = hashlib.sha256()
    for part in seal_chunks(data_key, iter(lambda: source.read(chunk_size), b""), digest,
                            chunk_size):
        out.write(part)
    return digest.hexdigest()


def seal_file(data_key: bytes, source: Path, target: Path, chunk_size: int = CHUNK) -> str:
    """``target`` sealed from ``source`` in one step (a crash leaves no half of it), 0600;
    returns the SHA-256 of the original content."""
    with open(source, "rb") as reading, atomic_output(target) as writing:
        return seal_stream(data_key, reading, writing, chunk_size)


# --- opening ----------------------------------------------------------------------------------

def open_sealed(data_key: bytes, source: BinaryIO, name: str = "The file") -> Iterator[bytes]:
    """The original content, a chunk at a time, each checked before it is given; SealBroken
    (worded with ``name``) the moment anything does not check, the end of the file included."""
    header = _read(source, HEADER_BYTES)
    if len(header) != HEADER_BYTES or not header.startswith(MAGIC):
        raise SealBroken(name)
    (chunk_size,) = struct.unpack(">I", header[len(MAGIC):len(MAGIC) + 4])
    if not 0 < chunk_size <= MAX_CHUNK:
        raise SealBroken(name)
    cipher = AESGCM(_file_key(data_key, header[len(MAGIC) + 4:]))
    block = chunk_size + TAG_BYTES
    index, current = 0, _read(source, block)
    if not current:  # not even the last chunk: cut short
        raise SealBroken(name)
    while current:
        following = _read(source, block)
        last = not following
        try:
            yield cipher.decrypt(_nonce(index), current, _bound(header, index, last))
        except InvalidTag:
            raise SealBroken(name) from None
        index, current = index + 1, following


def unseal_file(data_key: bytes, source: Path, target: Path, digest: str | None = None) -> str:
    """``target`` made from the sealed ``source`` only if all of it opens (and, given
    ``digest``, matches that SHA-256); returns the SHA-256 of the content."""
    found = hashlib.sha256()
    with open(source, "rb") as reading, atomic_output(target) as writing:
        for chunk in open_sealed(data_key, reading, f"“{Path(source).name}”"):
            found.update(chunk)
            writing.write(chunk)
        if digest is not None and found.hexdigest() != digest:
            raise SealBroken(f"“{Path(source).name}”")
    return found.hexdigest()


def sealed_sha256(data_key: bytes, path: Path) -> str:
    """The SHA-256 of a sealed file's original content (what ``check`` compares), read
    through without writing anything; SealBroken if it does not open whole."""
    found = hashlib.sha256()
    with open(path, "rb") as reading:
        for chunk in open_sealed(data_key, reading, f"“{Path(path).name}”"):
            found.update(chunk)
    return found.hexdigest()


# --- the pieces -------------------------------------------------------------------------------

def _file_key(data_key: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"avenue-desk sealed file v1").derive(subkey(data_key, "files"))


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _bound(header: bytes, index: int, last: bool) -> bytes:
    return header + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def _seal_one(cipher: AESGCM, header: bytes, index: int, chunk: bytes, *, last: bool) -> bytes:
    return cipher.encrypt(_nonce(index), chunk, _bound(header, index, last))


def _read(source: BinaryIO, size: int) -> bytes:
    """``size`` bytes, fewer only at the end (a pipe or a zip member may give less a read)."""
    data = source.read(size)
    while data and len(data) < size:
        more = source.read(size - len(data))
        if not more:
            break
        data += more
    return data


def _rechunk(pieces: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The pieces as chunks of exactly ``size`` bytes, the last shorter (none if empty)."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)
