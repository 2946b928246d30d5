"""What an import returns or raises."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@dataclass(frozen=True)
class RowError:
    """One problem in the file. `row` is the row number Excel shows (the header is row 1);
    None for a problem with the whole file or a whole sheet. `column` is the header as
    written in the file."""

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.sheet}: {self.message}" if self.sheet else self.message
        where = _("%(sheet)s, row %(row)d") % {"sheet": self.sheet, "row": self.row}
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.message}"


class SpreadsheetErrors(ValidationError):
    """The file is not clean; nothing was imported. A ValidationError, so any caller
    that handles those shows the messages; `errors` keeps each one's place."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = list(errors)
        super().__init__([str(error) for error in self.errors])
