"""Optional cross-encoder re-ranking of the fused candidates, from a local folder only.

A cross-encoder reads question and passage together, so it orders the top
candidates better than either first-stage method; it is slower, hence only
the fused top few are re-scored. Configured with
`retrieval.reranker_model_path` (any local sentence-transformers
CrossEncoder folder); off by default because no such model ships on PyPI.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from retrieval.embedder import force_offline


class CrossEncoderReranker:
    def __init__(self, model_path: Path) -> None:
        force_offline()
        from sentence_transformers import CrossEncoder

        if not (model_path / "config.json").is_file():
            raise FileNotFoundError(f"no cross-encoder model in {model_path}")
        self._model: Any = CrossEncoder(str(model_path), device="cpu", local_files_only=True)
        self._lock = threading.Lock()

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        with self._lock:
            scores = self._model.predict(
                [(query, p) for p in passages], show_progress_bar=False, convert_to_numpy=True
            )
        return [float(s) for s in scores]
