"""Date formats shown on pages, one set per language (FORMAT_MODULE_PATH): dates in full
("30 November 2026"), short ("30 Nov 2026") and with a 24-hour time, as Indonesian
offices write them. What is not set here comes from Django's own locale formats."""
