"""Load the pairing geography from 穗办〔2017〕7号 (two-region district–county pairing table).

Coordinates are those of each county seat (WGS-84), for maps and the county pages.
This migration is data: later additions (other supported areas) go in through the admin.
"""

from django.db import migrations

# slug, name, name_en, latitude, longitude
DISTRICTS = [
    ("liwan", "荔湾区", "Liwan", "23.125900", "113.244300"),
    ("tianhe", "天河区", "Tianhe", "23.124400", "113.361200"),
    ("huadu", "花都区", "Huadu", "23.404000", "113.220200"),
    ("panyu", "番禺区", "Panyu", "22.937200", "113.384100"),
    ("zengcheng", "增城区", "Zengcheng", "23.261100", "113.810600"),
    ("yuexiu", "越秀区", "Yuexiu", "23.129100", "113.266800"),
    ("haizhu", "海珠区", "Haizhu", "23.083800", "113.317500"),
    ("baiyun", "白云区", "Baiyun", "23.157300", "113.273200"),
    ("huangpu", "黄埔区", "Huangpu", "23.106400", "113.459600"),
    ("nansha", "南沙区", "Nansha", "22.801600", "113.525000"),
    # 从化区 is a Guangzhou district but has no pairing in the 2017 plan.
    ("conghua", "从化区", "Conghua", "23.548300", "113.586400"),
]

PREFECTURES = [
    ("bijie", "毕节市", "Bijie", "贵州省"),
    ("qiannan", "黔南布依族苗族自治州", "Qiannan", "贵州省"),
]

# slug, full name, short name, English, prefecture, paired district, national poverty county, lat, lng
COUNTIES = [
    ("qixingguan", "七星关区", "七星关", "Qixingguan", "bijie", "liwan", False, "27.298500", "105.285900"),
    ("jinsha", "金沙县", "金沙", "Jinsha", "bijie", "liwan", False, "27.459200", "106.220100"),
    ("dafang", "大方县", "大方", "Dafang", "bijie", "tianhe", True, "27.141600", "105.613000"),
    ("nayong", "纳雍县", "纳雍", "Nayong", "bijie", "tianhe", True, "26.777600", "105.382800"),
    ("qianxi", "黔西县", "黔西", "Qianxi", "bijie", "huadu", False, "27.024900", "106.032300"),
    ("zhijin", "织金县", "织金", "Zhijin", "bijie", "huadu", True, "26.663400", "105.770500"),
    ("weining", "威宁彝族回族苗族自治县", "威宁", "Weining", "bijie", "panyu", True, "26.873000", "104.286500"),
    ("hezhang", "赫章县", "赫章", "Hezhang", "bijie", "panyu", True, "27.123500", "104.727100"),
    ("baili-dujuan", "百里杜鹃管委会", "百里杜鹃", "Baili Dujuan", "bijie", "zengcheng", False, "27.195000", "105.890000"),
    ("jinhaihu", "金海湖新区", "金海湖", "Jinhaihu", "bijie", "zengcheng", False, "27.231000", "105.432000"),
    ("changshun", "长顺县", "长顺", "Changshun", "qiannan", "yuexiu", True, "26.022800", "106.447400"),
    ("luodian", "罗甸县", "罗甸", "Luodian", "qiannan", "yuexiu", True, "25.426100", "106.751600"),
    ("fuquan", "福泉市", "福泉", "Fuquan", "qiannan", "haizhu", False, "26.686300", "107.520500"),
    ("wengan", "瓮安县", "瓮安", "Weng'an", "qiannan", "haizhu", False, "27.078400", "107.471400"),
    ("pingtang", "平塘县", "平塘", "Pingtang", "qiannan", "baiyun", True, "25.831900", "107.322300"),
    ("libo", "荔波县", "荔波", "Libo", "qiannan", "baiyun", True, "25.411900", "107.886700"),
    ("duyun", "都匀市", "都匀", "Duyun", "qiannan", "huangpu", False, "26.259400", "107.518800"),
    ("dushan", "独山县", "独山", "Dushan", "qiannan", "huangpu", True, "25.826000", "107.542200"),
    ("sandu", "三都水族自治县", "三都", "Sandu", "qiannan", "huangpu", True, "25.983200", "107.869800"),
    ("guiding", "贵定县", "贵定", "Guiding", "qiannan", "nansha", False, "26.580800", "107.233600"),
    ("longli", "龙里县", "龙里", "Longli", "qiannan", "nansha", False, "26.453300", "106.979300"),
    ("huishui", "惠水县", "惠水", "Huishui", "qiannan", "nansha", False, "26.132400", "106.657400"),
]

PARK_PAIRINGS = [
    ("广州开发区", "都匀经济开发区广州共建产业园区", "qiannan"),
    ("南沙开发区", "毕节广州产业园区", "bijie"),
]


def load(apps, schema_editor):
    District = apps.get_model("regions", "District")
    Prefecture = apps.get_model("regions", "Prefecture")
    County = apps.get_model("regions", "County")
    ParkPairing = apps.get_model("regions", "ParkPairing")

    districts = {}
    for order, (slug, name, name_en, lat, lng) in enumerate(DISTRICTS):
        districts[slug], _ = District.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "latitude": lat, "longitude": lng, "sort_order": order}
        )
    prefectures = {}
    for order, (slug, name, name_en, province) in enumerate(PREFECTURES):
        prefectures[slug], _ = Prefecture.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "province": province, "sort_order": order}
        )
    for order, (slug, name, short, name_en, pref, district, poor, lat, lng) in enumerate(COUNTIES):
        County.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "name_en": name_en,
                "prefecture": prefectures[pref],
                "paired_district": districts[district],
                "programme": "east_west",
                "is_national_poverty_county": poor,
                "latitude": lat,
                "longitude": lng,
                "sort_order": order,
            },
        )
    for gz_park, partner_park, pref in PARK_PAIRINGS:
        ParkPairing.objects.update_or_create(
            guangzhou_park=gz_park, partner_park=partner_park, defaults={"prefecture": prefectures[pref]}
        )


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
