"""PII pseudonymization, safety filters and the audit log.

Built by the safety and audit issues; the package exists now so the layout
matches DESIGN.md and later work has its home.
"""
