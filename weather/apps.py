from django.apps import AppConfig


class WeatherConfig(AppConfig):
    """KMA (기상청) stations and hourly observations behind the weather strip."""

    name = "weather"
    verbose_name = "날씨"
