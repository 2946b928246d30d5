"""A job kind for tests only: it hangs on its first attempt (so a test can kill its
worker mid-job) and finishes on the next. Imported by the test and by the worker
processes the test starts, never by the platform."""

import os
import time
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile

from kotacerdas.core.jobs import job_kind
from kotacerdas.core.models import Job

SLOW = "tests.hangs_first_time"


@job_kind(SLOW, "hangs the first time")
def hangs_first_time(job: Job, progress: Any) -> None:
    progress(5, "Menghimpun masterplan")
    if job.attempts == 1:
        Path(job.params["marker"]).write_text(str(os.getpid()))  # "I am running it"
        time.sleep(600)  # until killed
    job.result_file.save(
        f"{job.pk}.txt", ContentFile(b"made on attempt %d" % job.attempts), save=False
    )
