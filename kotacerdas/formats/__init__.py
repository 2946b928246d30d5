"""Date formats shown on pages, one set per language (FORMAT_MODULE_PATH): dates in full
("30 November 2026"), short ("30 Nov 2026") and with a 24-hour time, as Indonesian
offices write them. What is not set here comes from Django's own locale formats.

`cells` is the other kind of format: how people's text is written into the XLSX and CSV
files the platform produces (always as text, never as a formula)."""
