#!/usr/bin/env python
"""Django's manage.py; `kotacerdas` is the same command, installed on PATH."""

from kotacerdas.cli import main

if __name__ == "__main__":
    main()
