from django.contrib import admin

from kotacerdas.regions import models


@admin.register(models.Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "island_group", "timezone"]
    list_filter = ["island_group", "timezone"]
    search_fields = ["code", "name"]


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "island_group", "timezone"]
    list_filter = ["kind", "island_group", "province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]


@admin.register(models.OPD)
class OPDAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation", "region__name"]
    list_select_related = ["region"]
    raw_id_fields = ["region"]


class DimensionElementInline(admin.TabularInline):
    model = models.DimensionElement
    extra = 0


class PillarElementInline(admin.TabularInline):
    model = models.PillarElement
    extra = 0


@admin.register(models.Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en", "position"]
    inlines = [DimensionElementInline]


@admin.register(models.Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en", "position"]
    inlines = [PillarElementInline]
