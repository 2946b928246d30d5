#!/usr/bin/env python
"""Django's manage.py for developers: the same as the `kotacerdas` command, but with
debug on unless KOTACERDAS_DEBUG says otherwise. Deployments use `kotacerdas`."""

import os

from kotacerdas.cli import main

if __name__ == "__main__":
    os.environ.setdefault("KOTACERDAS_DEBUG", "true")
    main()
