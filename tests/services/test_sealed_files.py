"""Files sealed with the data key (services/core/sealed_files.py, issue 18 item 3): the
content comes back exactly, its SHA-256 is the original's, nothing of it shows on disk, and a
sealed file cut short, reordered, spliced or changed in one bit does not open."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from avenue_desk.services.core.data_key import new_data_key
from avenue_desk.services.core.sealed_files import (
    HEADER_BYTES,
    TAG_BYTES,
    SealBroken,
    is_sealed,
    open_sealed,
    seal_chunks,
    seal_file,
    sealed_sha256,
    unseal_file,
)

SMALL = 64  # chunk size for the tests that cut and move chunks about
SECRET_TEXT = "Posted about Zofia Wiśniewska (Year 5) and محمد علی <b>&amp;</b> ".encode()


@pytest.fixture
def key() -> bytes:
    return new_data_key()


def _sealed(key, content: bytes, chunk_size=SMALL) -> bytes:
    return b"".join(seal_chunks(key, [content], chunk_size=chunk_size))


def _opened(key, sealed: bytes) -> bytes:
    return b"".join(open_sealed(key, io.BytesIO(sealed)))


def _chunks(sealed: bytes, chunk_size=SMALL) -> tuple[bytes, list[bytes]]:
    block = chunk_size + TAG_BYTES
    body = sealed[HEADER_BYTES:]
    return sealed[:HEADER_BYTES], [body[at:at + block] for at in range(0, len(body), block)]


@pytest.mark.parametrize("size", [0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 3 * SMALL + 5])
def test_every_size_comes_back_exactly(key, size):
    content = (SECRET_TEXT * (size // len(SECRET_TEXT) + 1))[:size]
    sealed = _sealed(key, content)
    assert _opened(key, sealed) == content
    chunks = max(1, -(-size // SMALL))  # an empty file still has its (empty) last chunk
    assert len(sealed) == HEADER_BYTES + size + chunks * TAG_BYTES


def test_a_large_file_is_sealed_a_megabyte_at_a_time_and_keeps_its_original_sha256(
        key, tmp_path):
    source, sealed, back = tmp_path / "screenshot.png", tmp_path / "sealed", tmp_path / "back"
    content = os.urandom((5 << 20) // 2) + SECRET_TEXT  # two and a half megabytes and a bit
    source.write_bytes(content)
    original = hashlib.sha256(content).hexdigest()
    assert seal_file(key, source, sealed) == original
    assert is_sealed(sealed) and not is_sealed(source)
    assert SECRET_TEXT not in sealed.read_bytes() and content[:4096] not in sealed.read_bytes()
    assert oct(sealed.stat().st_mode & 0o777) == "0o600"
    assert sealed_sha256(key, sealed) == original
    assert unseal_file(key, sealed, back, original) == original
    assert back.read_bytes() == content


def test_nothing_of_the_content_shows_and_two_seals_differ(key):
    content = SECRET_TEXT * 10
    first, second = _sealed(key, content), _sealed(key, content)
    assert first != second  # each file its own salt, so its own key
    for needle in (b"Wi", "Wiśniewska".encode(), "محمد".encode(), b"Year 5", b"&amp;"):
        assert needle not in first


def test_another_key_opens_nothing(key):
    with pytest.raises(SealBroken, match="another data set's key"):
        _opened(new_data_key(), _sealed(key, SECRET_TEXT))


def test_cut_short_at_a_chunk_boundary_is_noticed(key):
    header, chunks = _chunks(_sealed(key, SECRET_TEXT * 4))
    assert len(chunks) >= 3
    with pytest.raises(SealBroken):
        _opened(key, header + b"".join(chunks[:-1]))
    with pytest.raises(SealBroken):
        _opened(key, header)  # not even one chunk


def test_cut_short_inside_a_chunk_is_noticed(key):
    sealed = _sealed(key, SECRET_TEXT * 4)
    with pytest.raises(SealBroken):
        _opened(key, sealed[:-7])
    with pytest.raises(SealBroken):
        _opened(key, sealed[:HEADER_BYTES - 3])


def test_chunks_in_another_order_or_one_left_out_are_noticed(key):
    header, chunks = _chunks(_sealed(key, SECRET_TEXT * 4))
    swapped = [chunks[1], chunks[0], *chunks[2:]]
    with pytest.raises(SealBroken):
        _opened(key, header + b"".join(swapped))
    with pytest.raises(SealBroken):
        _opened(key, header + b"".join([chunks[0], *chunks[2:]]))


def test_a_chunk_added_after_the_last_or_taken_from_another_file_is_noticed(key):
    header, chunks = _chunks(_sealed(key, SECRET_TEXT * 4))
    _other_header, others = _chunks(_sealed(key, SECRET_TEXT * 4))
    with pytest.raises(SealBroken):
        _opened(key, header + b"".join(chunks) + chunks[0])
    with pytest.raises(SealBroken):
        _opened(key, header + b"".join([chunks[0], others[1], *chunks[2:]]))


@pytest.mark.parametrize("where", [0, 9, HEADER_BYTES - 1, HEADER_BYTES, HEADER_BYTES + 70,
                                   -1])
def test_one_bit_changed_anywhere_is_noticed(key, where):
    sealed = bytearray(_sealed(key, SECRET_TEXT * 4))
    sealed[where] ^= 0x01
    with pytest.raises(SealBroken):
        _opened(key, bytes(sealed))


def test_a_file_that_does_not_open_leaves_nothing_behind(key, tmp_path):
    sealed, target = tmp_path / "sealed", tmp_path / "back.png"
    sealed.write_bytes(_sealed(key, SECRET_TEXT * 4)[:-1])
    with pytest.raises(SealBroken, match="“sealed” cannot be opened"):
        unseal_file(key, sealed, target)
    assert not target.exists()
    assert [path.name for path in tmp_path.iterdir()] == ["sealed"]  # no half-written part


def test_content_that_is_not_the_fingerprinted_content_is_refused(key, tmp_path):
    source, sealed, target = tmp_path / "a", tmp_path / "sealed", tmp_path / "b"
    source.write_bytes(SECRET_TEXT)
    seal_file(key, source, sealed)
    with pytest.raises(SealBroken):
        unseal_file(key, sealed, target, hashlib.sha256(b"something else").hexdigest())
    assert not target.exists()


def test_pieces_of_any_size_are_sealed_as_whole_chunks(key):
    pieces = [SECRET_TEXT[:5], b"", SECRET_TEXT[5:], SECRET_TEXT * 3]
    digest = hashlib.sha256()
    sealed = b"".join(seal_chunks(key, pieces, digest, chunk_size=SMALL))
    content = b"".join(pieces)
    assert _opened(key, sealed) == content
    assert digest.hexdigest() == hashlib.sha256(content).hexdigest()
    header, chunks = _chunks(sealed)
    assert [len(chunk) for chunk in chunks[:-1]] == [SMALL + TAG_BYTES] * (len(chunks) - 1)
