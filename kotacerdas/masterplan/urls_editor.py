from django.urls import path

from kotacerdas.masterplan.views import editor

urlpatterns = [
    path("", editor.masterplan_list, name="list"),
]
