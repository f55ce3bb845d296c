"""Demo data of the cooperatives app: a profile per demo cooperative and one pending application. Idempotent."""

from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from cooperatives.models import CooperativeApplication, CooperativeProfile
from core.validators import credit_code_check_character
from marketplace.demo import data
from marketplace.demo.images import draw_picture
from regions.models import County

Partner = get_model("partner", "Partner")

PENDING_APPLICATION_EMAIL = "apply-qiaomai@example.com"


def demo_credit_code(first17: str) -> str:
    return first17 + credit_code_check_character(first17)


def seed_cooperatives() -> None:
    for slug, (name, households) in data.COOPERATIVES.items():
        partner = Partner.objects.filter(code=f"coop-{slug}").select_related("county").first()
        if partner is None:
            continue
        county = partner.county
        story = (
            f"{name}扎根{county.name}，把本地特色农产品按绿色标准种养、分级、包装，直供广州的家庭、超市和食堂。"
            f"合作社带动{households}户建档立卡贫困户入社，以土地入股、订单收购和务工分红增收。"
        )
        if county.paired_district_id:
            story += f"\n\n在{county.paired_district.name}的结对帮扶下，合作社建起了冷链分拣中心，农产品两天内可送达广州。"
        CooperativeProfile.objects.update_or_create(partner=partner, defaults={"story": story, "households_supported": households})

    if not CooperativeApplication.objects.filter(email=PENDING_APPLICATION_EMAIL).exists():
        application = CooperativeApplication(
            name="威宁县高原荞麦种植农民专业合作社",
            county=County.objects.get(slug="weining"),
            credit_code=demo_credit_code("93520526MA6DK1P3X"),
            legal_representative="马建国",
            phone="13885712345",
            email=PENDING_APPLICATION_EMAIL,
            address="贵州省毕节市威宁彝族回族苗族自治县草海镇荞麦基地1号",
            poor_households=86,
        )
        application.business_licence.save("demo-licence.jpg", ContentFile(draw_picture("Yingye Zhizhao", theme="processed")), save=False)
        application.save()
