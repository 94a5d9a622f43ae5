"""thinc's CPU operations with matrix products from numpy (OpenBLAS) instead of BLIS.

Why: spaCy's NER spends most of its time in thinc's `gemm`, which calls BLIS. The
BLIS inside the `blis` package has no kernels newer than Zen 2 and Skylake-X (even
built by scripts/build-nlp, which only stops it falling back to its generic kernel
on Zen 3 and later); numpy's OpenBLAS picks AVX-512 kernels for current CPUs.
Measured on 2,000-character prompts (bench/safety_filters.py's mix): PII detection
11.9 -> 10.6 ms p50, with the same findings on all 1,007 rows of the labelled
sets (tests/integration/test_presidio_detector.py). Only `gemm` changes: the
parser's per-step products stay in BLIS, which thinc calls from C.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps


class NumpyGemmOps(NumpyOps):  # type: ignore[misc]
    name = "numpy-gemm"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_numpy_gemm(nlp: Any) -> None:
    """Give every layer of every pipe in `nlp` the numpy-gemm operations."""
    ops = NumpyGemmOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
