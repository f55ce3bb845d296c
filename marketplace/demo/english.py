# ruff: noqa: E501 — one line per product reads best in a data table
"""English texts of the demo catalogue: every product, category, cooperative, certificate issuer
and batch place (issue #15). Keyed by the Chinese source, so `data.py` stays the one list of
what exists; `seed_english()` runs after the rest of the demo data and is idempotent.

English titles keep what the Chinese title says: grade, pack size and count
("Duyun Maojian, pre-Qingming special grade, 100 g").
"""

import re

from django.db import transaction
from oscar.core.loading import get_model

from marketplace.demo import data

CATEGORIES_EN = {
    "蔬菜": ("Vegetables", "Highland vegetables from the cool mountains of Bijie and Qiannan."),
    "水果": ("Fruit", "Cherries, pomelos, pears and dragon fruit, picked ripe."),
    "茶叶": ("Tea", "Green, yellow and buckwheat teas from Guizhou's tea mountains."),
    "粮油米面": ("Rice, grain and noodles", "Terrace rice, black glutinous rice and hand-made noodles."),
    "菌菇山珍": ("Mushrooms and mountain produce", "Bamboo fungus, gastrodia and other mountain produce."),
    "禽蛋肉": ("Eggs, poultry and meat", "Free-range chicken, green-shell eggs and cured ham."),
    "特产加工品": ("Local specialities", "Walnuts, honey, pickles and juices made in the counties."),
    "民族手工艺·非遗": ("Handicrafts and intangible heritage", "Embroidery, lacquerware and pottery by ethnic craftspeople."),
}

# Chinese name -> (English name, English description)
PRODUCTS_EN = {
    "七星关高山冷凉蔬菜礼盒": ("Qixingguan highland vegetable box", "Chinese cabbage, radish and cabbage grown above 1,600 m in a cool climate: sweet, with few pests."),
    "毕节白萝卜": ("Bijie white radish", "Grown in highland sandy loam: large, thin-skinned, ideal for soups."),
    "金沙贡茶": ("Jinsha tribute tea", "Geographical-indication green tea, picked around Qingming, with a chestnut aroma."),
    "金沙手工红薯粉条": ("Jinsha hand-made sweet potato noodles", "Made by hand from local sweet potato starch; they stay firm however long they cook."),
    "大方天麻": ("Dafang gastrodia (tianma)", "National geographical-indication product: black gastrodia grown wild-style under the forest."),
    "大方漆器果盘": ("Dafang lacquerware fruit tray", "Dafang lacquer craft, national intangible heritage: more than forty coats of lacquer applied by hand."),
    "大方手撕豆干": ("Dafang hand-torn dried tofu", "Made from Dafang soybeans and mountain spring water; spicy and savoury."),
    "纳雍玛瑙红樱桃": ("Nayong agate-red cherries", "Agate-red skin, thick juicy flesh; in season every April and May."),
    "纳雍高山土鸡": ("Nayong highland free-range chicken", "Free-range under the forest for over 300 days; delivered whole and frozen."),
    "化屋苗绣围巾": ("Huawu Miao embroidered scarf", "Hand-embroidered by Miao women of Huawu village, Qianxi: no two patterns alike."),
    "黔西高山生态大米": ("Qianxi highland terrace rice", "Grown on terraces, one harvest a year, with a rich fragrance."),
    "织金竹荪": ("Zhijin bamboo fungus", "National geographical-indication product, the 'queen of fungi': long white veil."),
    "织金皂角米": ("Zhijin honey locust kernels", "Honey locust seeds peeled by hand; cook them into a sweet soup."),
    "威宁洋芋": ("Weining potatoes", "Yellow-fleshed potatoes from the cool plateau: floury and sweet; a Weining geographical-indication product."),
    "威宁苦荞茶": ("Weining tartary buckwheat tea", "Roasted highland tartary buckwheat with a rich malty aroma."),
    "威宁火腿": ("Weining ham", "Cured naturally for three years in the cool plateau air: salty with a sweet finish."),
    "赫章核桃": ("Hezhang walnuts", "National geographical-indication walnuts: thin shells, full kernels."),
    "赫章樱桃": ("Hezhang cherries", "Late-ripening high-altitude cherries, very sweet."),
    "百里杜鹃花蜜": ("Baili Dujuan wildflower honey", "Wildflower honey from the Baili Dujuan azalea forest, taken once a year."),
    "金海湖蓝莓": ("Jinhaihu blueberries", "Highland blueberries with their bloom intact, delivered by cold chain."),
    "长顺绿壳鸡蛋": ("Changshun green-shell eggs", "Green-shell eggs from Changshun black-bone chickens; a national geographical-indication product."),
    "长顺紫王葡萄": ("Changshun Ziwang grapes", "Changshun's own grape variety: large and very sweet."),
    "罗甸火龙果": ("Luodian red dragon fruit", "Red-fleshed dragon fruit from near the Tropic of Cancer; a national geographical-indication product."),
    "罗甸脐橙": ("Luodian navel oranges", "Grown in the warm river valleys: thin skin, lots of juice."),
    "福泉金谷福梨": ("Fuquan Jingu pears", "National geographical-indication pears: crisp, juicy and sweet."),
    "瓮安黄金芽": ("Weng'an golden bud tea", "A golden-leaved albino green tea, rich in amino acids."),
    "平塘牙舟陶茶具": ("Pingtang Yazhou pottery tea set", "Yazhou pottery, national intangible heritage: jade-like glazes, simple shapes."),
    "平塘百香果": ("Pingtang passion fruit", "Purple passion fruit with an intense fragrance."),
    "荔波蜜柚": ("Libo honey pomelo", "National geographical-indication pomelo: translucent, sweet flesh that melts in the mouth."),
    "都匀毛尖": ("Duyun Maojian", "One of China's ten famous teas: curled leaves, white down, a lasting chestnut aroma."),
    "独山盐酸菜": ("Dushan pickled greens", "Pickled by a century-old method: sweet, sour and a little hot; a national geographical-indication product."),
    "三都马尾绣钱包": ("Sandu horsetail embroidery purse", "Shui horsetail embroidery, national intangible heritage: horsehair cores wound with silk thread."),
    "三都九阡李": ("Sandu Jiuqian plums", "From Jiuqian, in the Shui heartland: crisp and sweet."),
    "贵定云雾贡茶": ("Guiding Yunwu tribute tea", "A historic tea, tribute to the Qing court, with fish-hook shaped leaves."),
    "贵定盘江酥李": ("Guiding Panjiang crisp plums", "National geographical-indication plums with crisp flesh."),
    "龙里刺梨原汁": ("Longli Cili juice", "Cold-pressed juice of cili, the wild rose fruit (Rosa roxburghii), with dozens of times the vitamin C of kiwi fruit."),
    "龙里豌豆尖": ("Longli pea shoots", "The first early-spring cut of pea shoots: tender and sweet, sent by cold chain."),
    "惠水黑糯米": ("Huishui black glutinous rice", "A traditional Buyi variety and national geographical-indication product, for five-colour sticky rice."),
}

SPECS_EN = {
    "家庭装 3kg": "family pack, 3 kg",
    "食堂装 10kg": "canteen pack, 10 kg",
    "15kg 整箱": "case of 15 kg",
    "一级 100g": "first grade, 100 g",
    "特级 250g 礼盒": "special grade, 250 g gift box",
    "2.5kg 家庭装": "family pack, 2.5 kg",
    "干片 250g": "dried slices, 250 g",
    "鲜天麻 1kg": "fresh, 1 kg",
    "小号 直径20cm": "small, 20 cm across",
    "大号 直径32cm": "large, 32 cm across",
    "1kg 分享装": "sharing pack, 1 kg",
    "1kg 礼盒": "gift box, 1 kg",
    "整只 约1.5kg": "whole bird, about 1.5 kg",
    "两只装 约3kg": "two birds, about 3 kg",
    "素色款": "plain style",
    "满绣款": "fully embroidered",
    "干品 100g": "dried, 100 g",
    "干品 250g 礼盒": "dried, 250 g gift box",
    "25kg 批发装": "wholesale pack, 25 kg",
    "300g 罐装": "300 g tin",
    "1kg 袋装": "1 kg bag",
    "切片 500g": "sliced, 500 g",
    "整腿 约5kg": "whole leg, about 5 kg",
    "5kg 整箱": "case of 5 kg",
    "125g×4盒": "125 g × 4 punnets",
    "125g×12盒": "125 g × 12 punnets",
    "30枚": "30 eggs",
    "90枚 整箱": "case of 90 eggs",
    "5斤装": "2.5 kg",
    "10斤装": "5 kg",
    "250g 礼盒": "250 g gift box",
    "一壶两杯": "one teapot, two cups",
    "一壶四杯礼盒": "one teapot, four cups, gift box",
    "2个装 约4kg": "2 fruits, about 4 kg",
    "4个装 约8kg": "4 fruits, about 8 kg",
    "明前特级 100g": "pre-Qingming special grade, 100 g",
    "一级 250g": "first grade, 250 g",
    "400g×6 箱装": "case of 6 × 400 g",
    "零钱包": "coin purse",
    "长款钱包": "long wallet",
    "250ml×6瓶": "250 ml × 6 bottles",
    "250ml×24瓶": "250 ml × 24 bottles",
    "5kg 食堂装": "canteen pack, 5 kg",
}
_PLAIN_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*(kg|g|ml)$")

# county slug -> English cooperative name (the Chinese is data.COOPERATIVES)
COOPERATIVES_EN = {
    "qixingguan": "Qixingguan Highland Vegetable Farmers' Cooperative",
    "jinsha": "Jinsha Tribute Tea Farmers' Cooperative",
    "dafang": "Dafang Gastrodia and Lacquerware Farmers' Cooperative",
    "nayong": "Nayong Agate-Red Cherry Growers' Cooperative",
    "qianxi": "Qianxi Huawu Miao Embroidery and Rice Farmers' Cooperative",
    "zhijin": "Zhijin Bamboo Fungus Growers' Cooperative",
    "weining": "Weining Highland Potato Growers' Cooperative",
    "hezhang": "Hezhang Walnut Growers' Cooperative",
    "baili-dujuan": "Baili Dujuan Beekeepers' Cooperative",
    "jinhaihu": "Jinhaihu Blueberry Growers' Cooperative",
    "changshun": "Changshun Green-Shell Egg Farmers' Cooperative",
    "luodian": "Luodian Dragon Fruit Growers' Cooperative",
    "fuquan": "Fuquan Jingu Pear Growers' Cooperative",
    "wengan": "Weng'an Golden Bud Tea Farmers' Cooperative",
    "pingtang": "Pingtang Yazhou Pottery and Passion Fruit Cooperative",
    "libo": "Libo Honey Pomelo Growers' Cooperative",
    "duyun": "Duyun Maojian Tea Farmers' Cooperative",
    "dushan": "Dushan Pickled Greens Cooperative",
    "sandu": "Sandu Horsetail Embroidery and Jiuqian Plum Cooperative",
    "guiding": "Guiding Yunwu Tribute Tea Farmers' Cooperative",
    "longli": "Longli Cili Growers' Cooperative",
    "huishui": "Huishui Black Glutinous Rice Farmers' Cooperative",
}

ISSUING_BODIES_EN = {
    "中国绿色食品发展中心": "China Green Food Development Center",
    "中绿华夏有机产品认证中心": "China Organic Food Certification Center (COFCC)",
    "中华人民共和国农业农村部": "Ministry of Agriculture and Rural Affairs of the PRC",
    "贵州省扶贫开发办公室": "Guizhou Provincial Poverty Alleviation Office",
}

PLACES_EN = {
    "毛尖镇": "Maojian town",
    "草海镇": "Caohai town",
    "新仁苗族乡化屋村": "Huawu village, Xinren Miao township",
}


def spec_english(spec: str) -> str:
    """'明前特级 100g' -> 'pre-Qingming special grade, 100 g'; a plain '5kg' -> '5 kg'."""
    if spec in SPECS_EN:
        return SPECS_EN[spec]
    plain = _PLAIN_SIZE.match(spec.strip())
    if plain:
        return f"{plain.group(1)} {plain.group(2)}"
    raise KeyError(f"No English for the demo specification {spec!r}")


def product_title_english(name: str, spec: str) -> str:
    return f"{PRODUCTS_EN[name][0]}, {spec_english(spec)}"


def cooperative_story_english(partner, households: int) -> str:
    county = partner.county
    story = (
        f"{partner.name_en} is rooted in {county.name_en}. It grows, grades and packs the county's specialities "
        f"to green-food standards and sells them straight to Guangzhou's families, supermarkets and canteens. "
        f"{households} registered poor households have joined it and earn through land shares, contract purchases "
        "and wages with dividends."
    )
    if county.paired_district_id:
        story += (
            f"\n\nWith the help of Guangzhou's {county.paired_district.name_en}, its pairing partner, the cooperative "
            "built a cold-chain sorting centre: produce reaches Guangzhou within two days."
        )
    return story


def place_english(place: str, county) -> str:
    if place in PLACES_EN:
        return PLACES_EN[place]
    return f"{county.name_en} cooperative demonstration base"


@transaction.atomic
def seed_english() -> None:
    """Write the English beside every demo text; products are saved last (their search documents
    include the English category names)."""
    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    Partner = get_model("partner", "Partner")
    from cooperatives.models import CooperativeProfile
    from tourism.booking import TRAVEL_PARTNER_CODE, TRAVEL_PARTNER_NAME_EN, sync_departure_product
    from tourism.models import Departure
    from traceability.models import Certificate, HarvestBatch

    for category in Category.objects.filter(name__in=CATEGORIES_EN):
        category.name_en, category.description_en = CATEGORIES_EN[category.name]
        category.save()

    for slug, (_name, households) in data.COOPERATIVES.items():
        partner = Partner.objects.filter(code=f"coop-{slug}").select_related("county__paired_district").first()
        if partner is None:
            continue
        partner.name_en = COOPERATIVES_EN[slug]
        partner.save(update_fields=["name_en"])
        CooperativeProfile.objects.filter(partner=partner).update(story_en=cooperative_story_english(partner, households))

    for index, (_county, _category, name, _latin, _description, _storage, specs) in enumerate(data.SPECIALITIES):
        name_en, description_en = PRODUCTS_EN[name]
        for spec_index, (spec, _grams, _price, _stock) in enumerate(specs):
            product = Product.objects.filter(upc=f"QH{index:03d}{spec_index}").select_related("origin_county__prefecture").first()
            if product is None:
                continue
            product.title_en = product_title_english(name, spec)
            product.description_en = f"<p>{description_en}</p>"
            product.save()
    for departure in Departure.objects.select_related("route"):  # English titles from the English route pages
        sync_departure_product(departure)
    Partner.objects.filter(code=TRAVEL_PARTNER_CODE, name_en="").update(name_en=TRAVEL_PARTNER_NAME_EN)

    for body, english in ISSUING_BODIES_EN.items():
        Certificate.objects.filter(issuing_body=body).update(issuing_body_en=english)
    for certificate in Certificate.objects.filter(issuing_body_en="").select_related("cooperative"):
        if certificate.issuing_body == certificate.cooperative.name:  # self-declared: the cooperative itself
            Certificate.objects.filter(pk=certificate.pk).update(issuing_body_en=certificate.cooperative.name_en)
    for batch in HarvestBatch.objects.filter(township_village_en="").select_related("county"):
        batch.township_village_en = place_english(batch.township_village, batch.county)
        batch.save(update_fields=["township_village_en"])
