"""Split sections into chunks sized in the embedder's own tokens, so nothing
is silently truncated at embedding time (MiniLM stops at 256)."""

from __future__ import annotations

from collections.abc import Callable

from langchain_text_splitters import RecursiveCharacterTextSplitter

from core.corpora.ingestion.extracted import ChunkDraft, Extracted

CHUNK_TOKENS = 200
OVERLAP_TOKENS = 40
SEPARATORS = ["\n\n", "\n", ". ", "。", "। ", "? ", "! ", "; ", ", ", " ", ""]


def splitter(
    count_tokens: Callable[[str], int],
    chunk_tokens: int = CHUNK_TOKENS,
    overlap_tokens: int = OVERLAP_TOKENS,
) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_tokens,
        chunk_overlap=overlap_tokens,
        length_function=count_tokens,
        separators=SEPARATORS,
        keep_separator="end",
        add_start_index=True,
        strip_whitespace=True,
    )


def split(
    extracted: Extracted,
    count_tokens: Callable[[str], int],
    *,
    chunk_tokens: int = CHUNK_TOKENS,
    overlap_tokens: int = OVERLAP_TOKENS,
) -> list[ChunkDraft]:
    """Chunks with offsets into ``extracted.text`` and their section's heading/page."""
    text_splitter = splitter(count_tokens, chunk_tokens, overlap_tokens)
    drafts: list[ChunkDraft] = []
    for section in extracted.sections:
        body = extracted.text[section.start : section.end]
        cursor = 0
        for content in text_splitter.split_text(body):
            if not content.strip():
                continue
            # Offsets by search from the last chunk's start: langchain's own
            # start_index mixes the token-sized overlap with character counts.
            found = body.find(content, cursor)
            if found < 0:
                found = max(0, body.find(content))
            cursor = found + 1
            start = section.start + found
            drafts.append(
                ChunkDraft(
                    text=content,
                    start=start,
                    end=start + len(content),
                    heading=section.heading,
                    page=section.page,
                    token_count=count_tokens(content),
                    block_kind=section.kind,
                )
            )
    return drafts
