"""Patch the spaCy, thinc and BLIS sources unpacked by scripts/build-nlp (why: see there).

Each edit must find its text exactly once, so a new upstream version that moved the code
stops the build here instead of silently building an unpatched wheel.

Usage: python scripts/patch-nlp.py SRC_DIR   (holding spacy-*/, thinc-*/ and blis-*/)
"""

from __future__ import annotations

import sys
from pathlib import Path

PROFILE_ON = '"profile": sys.version_info < (3, 12),'
PROFILE_OFF = '"profile": False,  # Enclave: no profiling hooks (they take the GIL)'

ZEN2 = """#ifdef BLIS_CONFIG_ZEN2
		if ( bli_cpuid_is_zen2( family, model, features ) )
			return BLIS_ARCH_ZEN2;
#endif"""
ZEN2_AND_LATER = """#ifdef BLIS_CONFIG_ZEN2
		if ( bli_cpuid_is_zen2( family, model, features ) )
			return BLIS_ARCH_ZEN2;
		// Enclave: Zen 3, 4 and 5 (families 0x19, 0x1A) run Zen 2's AVX2/FMA kernels.
		if ( family >= 0x19 && bli_cpuid_has_features( features,
		       FEATURE_AVX | FEATURE_FMA3 | FEATURE_AVX2 ) )
			return BLIS_ARCH_ZEN2;
#endif"""


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if text.count(old) != 1:
        sys.exit(f"patch-nlp: expected one match in {path}, found {text.count(old)}")
    path.write_text(text.replace(old, new))


def main(src: Path) -> None:
    (spacy,) = src.glob("spacy-*/setup.py")
    (thinc,) = src.glob("thinc-*/setup.py")
    (cpuid,) = src.glob("blis-*/blis/_src/frame/base/bli_cpuid.c")
    replace_once(spacy, PROFILE_ON, PROFILE_OFF)
    replace_once(thinc, PROFILE_ON, PROFILE_OFF)
    replace_once(cpuid, ZEN2, ZEN2_AND_LATER)
    print(f"patched {spacy.parent.name}, {thinc.parent.name}, {cpuid.parents[4].name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
