from django.apps import AppConfig


class SampleAppConfig(AppConfig):
    name = "tests.office.sample_app"
    label = "sample_app"
