from django.db import migrations


def seed_calendar(apps, schema_editor):
    from office.services.calendar import PACKAGE_NOTE, package_days, package_years

    CalendarYear = apps.get_model("office", "CalendarYear")
    CalendarDay = apps.get_model("office", "CalendarDay")
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    years = [year for year in package_years() if year not in existing]
    CalendarYear.objects.bulk_create([CalendarYear(year=year, source="package", note=PACKAGE_NOTE) for year in years])
    # Read the ids back rather than trusting bulk_create to set them: not every backend returns them.
    ids = dict(CalendarYear.objects.filter(year__in=years).values_list("year", "pk"))
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(calendar_year_id=ids[year], date=day, is_workday=is_workday, name=name)
            for year in years
            for day, is_workday, name in package_days(year)
        ],
        batch_size=500,
    )


def unseed_calendar(apps, schema_editor):
    apps.get_model("office", "CalendarYear").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("office", "0002_roles")]

    operations = [migrations.RunPython(seed_calendar, unseed_calendar)]
