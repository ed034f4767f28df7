"""Shared test helpers (web chat customers, signed-in staff, cases ready for staff)."""
