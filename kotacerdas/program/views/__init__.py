"""The program's pages, by subject (the same subjects as services/ and api/)."""
