from django.urls import path

from kotacerdas.bimtek.views import calendars, mentors, planning, runs, visits

app_name = "bimtek"
urlpatterns = [
    # A person's way in: the office's cohorts, a mentor's or a region's visits.
    path("", planning.guidance_home, name="home"),
    path("<int:year>/", planning.cohort_guidance, name="cohort"),
    path("<int:year>/stages/", planning.stages, name="stages"),
    path("<int:year>/plan/", planning.plan, name="plan"),
    path("<int:year>/runs/<int:pk>/", runs.run_detail, name="run"),
    path("<int:year>/runs/<int:pk>/apply/", runs.run_apply, name="run-apply"),
    path("<int:year>/regions/<str:code>/", visits.region_guidance, name="region"),
    path("<int:year>/regions/<str:code>/groups/", visits.groups, name="groups"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit"),
    path("visits/<int:pk>/move/", visits.visit_move, name="visit-move"),
    path("visits/<int:pk>/complete/", visits.visit_complete, name="visit-complete"),
    path("sessions/<int:pk>/", visits.session_detail, name="session"),
    path("sessions/<int:pk>/move/", visits.session_move, name="session-move"),
    path("sessions/<int:pk>/output", visits.session_output, name="session-output"),
    path("mentors/", mentors.mentor_list, name="mentors"),
    path("mentors/<int:pk>/", mentors.mentor_detail, name="mentor"),
    # Calendars: pages per mentor, region and OPD, and their iCalendar feeds.
    path("calendar/mentors/<int:pk>/", calendars.mentor_calendar, name="mentor-calendar"),
    path("calendar/regions/<str:code>/", calendars.region_calendar, name="region-calendar"),
    path("calendar/opds/<int:pk>/", calendars.opd_calendar, name="opd-calendar"),
    path("calendar/<str:kind>/<str:key>/<str:token>.ics", calendars.ics_feed, name="ics"),
]
