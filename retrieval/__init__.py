"""Retrieval over private documents (ingest, chunk, embed, Chroma + BM25).

Built by the retrieval issue; the package exists now so the layout matches
DESIGN.md and later work has its home.
"""
