"""The work inbox in the API: GET /api/v1/inbox, the person's items as the page lists
them (core.inbox), oldest first. Mounted by kotacerdas/api.py."""

import datetime

from ninja import Field, Router, Schema

from kotacerdas.core import inbox as registry
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse

router = Router(tags=["inbox"], auth=AUTH)


class InboxItemOut(Schema):
    kind: str = Field(description="A stable code, e.g. `application_to_score`.")
    kind_label: str = Field(description="The kind in the request's language.")
    title: str = Field(description="What to do, in the request's language.")
    detail: str
    url: str = Field(description="The page where it is done (a path of the site).")
    since: datetime.datetime = Field(description="Since when it waits.")
    due: datetime.datetime | None = Field(description="When it is due, if it has a deadline.")
    region: str = Field(description="The region's name, or empty.")


class InboxMoreOut(Schema):
    kind: str
    kind_label: str
    count: int = Field(description="Items of this kind beyond those listed.")
    url: str = Field(description="A page that lists them all, or empty.")


class InboxOut(Schema):
    count: int = Field(description="Everything that waits: listed and beyond.")
    items: list[InboxItemOut]
    more: list[InboxMoreOut]


@router.get(
    "/inbox",
    response={200: InboxOut, 401: ErrorResponse},
    summary="My work: what waits for me",
    description="The items of the person's work inbox, oldest first, each with a link to "
    "where it is done. Each kind lists at most 50 items; `more` counts the rest.",
)
def my_inbox(request: AuthedRequest) -> InboxOut:
    found = registry.inbox(request.auth)
    labels = registry.kind_labels()
    return InboxOut(
        count=found.count,
        items=[
            InboxItemOut(
                kind=item.kind,
                kind_label=str(labels.get(item.kind, item.kind)),
                title=item.title,
                detail=item.detail,
                url=item.url,
                since=item.since,
                due=item.due,
                region=item.region,
            )
            for item in found.items
        ],
        more=[
            InboxMoreOut(
                kind=more.kind,
                kind_label=str(labels.get(more.kind, more.kind)),
                count=more.count,
                url=more.url,
            )
            for more in found.more
        ],
    )
