"""Pattern-based prompt-injection and jailbreak detection.

Why patterns: they are pure, fast (a fraction of a millisecond on an ordinary prompt) and
explainable, so the input policy can run them on every request and say which family fired.
Embedding similarity (built elsewhere) covers the paraphrases these miss.

Signals: override, indirect (text addressed to the model inside a document), prompt_leak,
secrets, pii_unmask (undoing the gateway's pseudonymisation), exfiltration, roleplay,
role_forgery, obfuscation (decode-and-obey requests) and encoded (a decoded payload fired).

The package is split by stage so each part can be read (and tuned) on its own:
normalisation (text the patterns see, and the way back to original offsets), vocab (word
families the rules share), rules_override / rules_leak / rules_persona (the rule tables by
family), rules (compiling the tables and choosing which rules to run where), scan (running
them and dropping quoted or negated mentions), decoders (encoded payloads) and detect (the
entry point). Only the names below are public.
"""

from safety.injection.detect import injection_hits
from safety.injection.normalisation import normalise
from safety.injection.scan import InjectionHit

__all__ = ["InjectionHit", "injection_hits", "normalise"]
