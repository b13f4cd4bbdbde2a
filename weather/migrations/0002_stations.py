from django.db import migrations

# The 16 stations of the masthead's weather strip: KMA 지점번호, name, strip order, latitude, longitude and the
# KMA 5 km grid point (nx, ny) of each, for 초단기실황 look-ups.
STATIONS = [
    (98, "동두천", 1, "37.90188", "127.06070", 61, 134),
    (105, "강릉", 2, "37.75147", "128.89099", 93, 132),
    (108, "서울", 3, "37.57142", "126.96580", 60, 127),
    (133, "대전", 4, "36.37198", "127.37211", 67, 101),
    (143, "대구", 5, "35.87797", "128.65296", 90, 91),
    (152, "울산", 6, "35.58237", "129.33469", 102, 85),
    (156, "광주", 7, "35.17294", "126.89156", 59, 75),
    (159, "부산", 8, "35.10468", "129.03203", 97, 74),
    (172, "고창", 9, "35.34824", "126.59900", 54, 78),
    (184, "제주", 10, "33.51411", "126.52969", 53, 38),
    (201, "강화", 11, "37.70739", "126.44634", 51, 130),
    (226, "보은", 12, "36.48761", "127.73415", 73, 104),
    (238, "금산", 13, "36.10563", "127.48175", 69, 95),
    (259, "강진군", 14, "34.62890", "126.76715", 57, 63),
    (283, "경주시", 15, "35.81740", "129.20090", 100, 90),
    (294, "거제", 16, "34.88818", "128.60459", 90, 69),
]


def create_stations(apps, schema_editor):
    Station = apps.get_model("weather", "Station")
    for number, name, order, latitude, longitude, nx, ny in STATIONS:
        Station.objects.update_or_create(
            id=number,
            defaults={
                "name": name,
                "display_order": order,
                "latitude": latitude,
                "longitude": longitude,
                "nx": nx,
                "ny": ny,
                "is_active": True,
            },
        )


def remove_stations(apps, schema_editor):
    apps.get_model("weather", "Station").objects.filter(id__in=[row[0] for row in STATIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("weather", "0001_initial")]

    operations = [migrations.RunPython(create_stations, remove_stations)]
