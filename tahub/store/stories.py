"""Stories kept up to date as documents arrive, without reading every stored text again.

Each document's MinHash signature and LSH band keys are stored once
(`document_signatures`, `document_bands`); a new text is compared only with the stored
documents that share a band, and the story ids follow the same rule as
`tahub.link.stories.group_stories` over everything: the smallest id of a transitive group.
Documents stored before signatures existed are signed on the next ingest.
"""

from __future__ import annotations

from sqlalchemy import Connection, exists, func, select, update

from tahub.link.stories import THRESHOLD, band_keys, from_bytes, signature, to_bytes
from tahub.store.tables import Document, DocumentBand, DocumentSignature

_DOCS = Document.__table__
_SIGS = DocumentSignature.__table__
_BANDS = DocumentBand.__table__
CHUNK = 500


def assign_stories(conn: Connection) -> dict[int, int]:
    """Sign the documents not signed yet, join them to their stories; returns the size of
    the story of each document signed now, by document id."""
    unsigned = conn.execute(
        select(_DOCS.c.id, _DOCS.c.text, _DOCS.c.story_id)
        .where(~exists().where(_SIGS.c.document_id == _DOCS.c.id))
        .order_by(_DOCS.c.id)).all()
    for row in unsigned:
        _join(conn, row.id, row.text, row.story_id or row.id)
    if not unsigned:
        return {}
    # a later text may have merged stories: read where each one ended up (in chunks, so a
    # first signing of a large older store stays under the drivers' parameter limits)
    current: dict[int, int] = {}
    sizes: dict[int, int] = {}
    ids = [r.id for r in unsigned]
    for i in range(0, len(ids), CHUNK):
        current.update(conn.execute(select(_DOCS.c.id, _DOCS.c.story_id)
                                    .where(_DOCS.c.id.in_(ids[i:i + CHUNK]))).all())
    stories = sorted(set(current.values()))
    for i in range(0, len(stories), CHUNK):
        sizes.update(conn.execute(select(_DOCS.c.story_id, func.count())
                                  .where(_DOCS.c.story_id.in_(stories[i:i + CHUNK]))
                                  .group_by(_DOCS.c.story_id)).all())
    return {doc_id: sizes[story] for doc_id, story in current.items()}


def _join(conn: Connection, doc_id: int, text: str, story: int) -> None:
    sig = signature(text)
    roots = {story}
    if sig is not None:
        keys = band_keys(sig)
        twins = conn.execute(
            select(_SIGS.c.signature, _DOCS.c.story_id, _DOCS.c.id)
            .join(_DOCS, _DOCS.c.id == _SIGS.c.document_id)
            .where(_SIGS.c.document_id.in_(
                select(_BANDS.c.document_id).where(_BANDS.c.band.in_(keys))))).all()
        roots |= {t.story_id or t.id for t in twins
                  if sig.jaccard(from_bytes(t.signature)) >= THRESHOLD}
    chosen = min(roots)
    conn.execute(update(_DOCS).where(_DOCS.c.id == doc_id).values(story_id=chosen))
    others = sorted(roots - {chosen})
    if others:
        conn.execute(update(_DOCS).where(_DOCS.c.story_id.in_(others)).values(story_id=chosen))
    conn.execute(_SIGS.insert().values(document_id=doc_id,
                                       signature=to_bytes(sig) if sig is not None else None))
    if sig is not None:
        conn.execute(_BANDS.insert(), [{"band": k, "document_id": doc_id}
                                       for k in sorted(set(keys))])
