# ruff: noqa: E501 — demo content: long Chinese/English sentences read better unwrapped.
"""Demo tourism and culture content: events, heritage stories, county stories, departures, the group inquiry form.

Called once from `seed_demo`; idempotent (pages are found by locale and slug, rows by natural keys).
"""

import io
from datetime import date
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model
from wagtail.images.models import Image
from wagtail.models import Locale, Page

from cms.models import HomePage
from marketplace.demo.images import draw_picture
from regions.models import County
from tourism.booking import sync_departure_product
from tourism.models import (
    CountyStory,
    CulturalStoryIndexPage,
    CulturalStoryPage,
    Departure,
    EventIndexPage,
    EventPage,
    GroupInquiryPage,
    InquiryFormField,
    RoutePage,
    RouteProduct,
    StoryProduct,
    TourismIndexPage,
)

STAFF_EMAIL = "staff@example.com"

# slug -> (headline zh, headline en, story zh, story en, sights zh, sights en)
COUNTY_STORIES: dict[str, tuple[str, str, str, str, list[str], list[str]]] = {
    "qixingguan": ("毕节的中心城区", "Bijie's central district", "七星关区是毕节市政府所在地，因境内七座山峰形如北斗而得名，是毕节交通与商贸的枢纽。", "Qixingguan is the seat of Bijie's city government, named after seven peaks shaped like the Plough; it is Bijie's hub for transport and trade.", ["拱拢坪国家森林公园", "大屯土司庄园"], ["Gonglongping National Forest Park", "Datun Tusi Manor"]),
    "jinsha": ("酱香酒乡", "Home of sauce-aroma baijiu", "金沙县地处赤水河流域，是贵州酱香型白酒产区之一，茶叶和生态畜牧业也在发展。", "Jinsha lies in the Chishui River basin, one of Guizhou's sauce-aroma baijiu regions, with growing tea and livestock farming.", ["冷水河景区", "金沙回沙酒文化"], ["Lengshuihe scenic area", "Jinsha baijiu culture"]),
    "dafang": ("漆器与天麻之乡", "Lacquerware and tianma", "大方县的大方漆器髹饰技艺是国家级非物质文化遗产；林下种植的大方天麻是国家地理标志产品。", "Dafang's lacquer craft is national intangible heritage; its forest-grown tianma is a national geographical indication.", ["九洞天风景区", "奢香博物馆"], ["Jiudongtian scenic area", "She Xiang Museum"]),
    "nayong": ("高山茶与樱桃", "Highland tea and cherries", "纳雍县海拔高、云雾多，出产纳雍高山茶和玛瑙红樱桃，是国定贫困县中的脱贫样板之一。", "High and misty Nayong grows highland tea and 'agate red' cherries; it is one of the national poverty counties that has since been lifted out of poverty.", ["总溪河", "玛瑙红樱桃园"], ["Zongxi River", "Agate-red cherry orchards"]),
    "qianxi": ("乌江畔的苗寨", "Miao villages on the Wujiang", "黔西（今黔西市）的化屋村坐落在乌江源百里画廊旁，苗族刺绣与蜡染手艺在合作社里传承。", "In Qianxi (now a county-level city), Huawu village sits on the Wujiang gorges; Miao embroidery and batik are carried on in its cooperatives.", ["化屋村", "乌江源百里画廊"], ["Huawu village", "Wujiang Source gorges"]),
    "zhijin": ("织金洞与竹荪", "Zhijin Cave and bamboo fungus", "织金县以织金洞闻名，这座溶洞是世界地质公园的核心景观；织金竹荪是当地的招牌山珍。", "Zhijin is famous for Zhijin Cave, the centrepiece of a UNESCO Global Geopark; bamboo fungus is its signature mountain delicacy.", ["织金洞", "织金古城"], ["Zhijin Cave", "Zhijin old town"]),
    "weining": ("草海与高原洋芋", "Caohai and highland potatoes", "威宁县平均海拔约2200米，草海国家级自然保护区是黑颈鹤越冬地；威宁洋芋远销广州。", "Weining averages about 2,200 m; the Caohai nature reserve is a wintering ground of black-necked cranes, and Weining potatoes are sold as far as Guangzhou.", ["草海国家级自然保护区", "百草坪"], ["Caohai National Nature Reserve", "Baicaoping grassland"]),
    "hezhang": ("贵州屋脊", "The roof of Guizhou", "赫章县的小韭菜坪海拔2900.6米，是贵州最高点；赫章核桃是国家地理标志产品。", "Hezhang's Xiao Jiucaiping (2,900.6 m) is the highest point in Guizhou; Hezhang walnuts are a national geographical indication.", ["韭菜坪", "可乐遗址"], ["Jiucaiping", "Kele archaeological site"]),
    "baili-dujuan": ("百里杜鹃花海", "A hundred li of azaleas", "百里杜鹃拥有约125平方公里的原始杜鹃林，每年三到五月花开漫山。", "Baili Dujuan has some 125 km² of wild azalea forest that blooms across the hills from March to May.", ["普底景区", "金坡景区"], ["Pudi scenic area", "Jinpo scenic area"]),
    "jinhaihu": ("毕节新区", "Bijie's new district", "金海湖新区是毕节市设立的新区，以金海湖为名，发展现代农业、产业园区和乡村旅游。", "Jinhaihu New District, named after Jinhai Lake, is developing modern farming, industrial parks and rural tourism.", ["金海湖"], ["Jinhai Lake"]),
    "changshun": ("绿壳鸡蛋之乡", "Green-shelled eggs", "长顺县的绿壳鸡蛋和高钙苹果是脱贫攻坚中发展起来的特色产业。", "Changshun's green-shelled eggs and high-calcium apples are industries built up during the fight against poverty.", ["杜鹃湖", "长顺高钙苹果基地"], ["Dujuan Lake", "High-calcium apple orchards"]),
    "luodian": ("火龙果与大小井", "Pitaya and the Daxiaojing springs", "罗甸县是贵州的热带作物区，罗甸火龙果和早熟蔬菜供应广州；大小井是壮观的喀斯特地下河出口。", "Luodian is Guizhou's warmest farming area, sending pitaya and early vegetables to Guangzhou; Daxiaojing is a spectacular karst spring.", ["大小井风景区", "罗甸玉"], ["Daxiaojing scenic area", "Luodian jade"]),
    "fuquan": ("古城福泉", "The walled town of Fuquan", "福泉市保存有明代古城墙和葛镜桥，是黔南的历史名城。", "Fuquan keeps its Ming-dynasty town wall and the Gejing Bridge, one of Qiannan's historic towns.", ["福泉古城墙", "葛镜桥"], ["Fuquan town wall", "Gejing Bridge"]),
    "wengan": ("千年古邑", "A thousand-year-old town", "瓮安县有草塘千年古邑和猴场会议会址，瓮安白茶是新兴的茶产业。", "Weng'an has the ancient town of Caotang and the site of the Houchang Meeting of the Long March; white tea is its new industry.", ["草塘千年古邑", "猴场会议会址"], ["Caotang ancient town", "Houchang Meeting site"]),
    "pingtang": ("中国天眼所在地", "Home of the FAST telescope", "平塘县克度镇建有500米口径球面射电望远镜“中国天眼”；牙舟陶是国家级非遗。", "Kedu in Pingtang hosts FAST, the 500-metre radio telescope known as China's Sky Eye; Yazhou pottery is national intangible heritage.", ["中国天眼", "掌布峡谷"], ["FAST (China Sky Eye)", "Zhangbu gorge"]),
    "libo": ("世界自然遗产地", "A World Natural Heritage site", "荔波县的喀斯特森林是“中国南方喀斯特”世界自然遗产的一部分，小七孔、大七孔和茂兰保护区闻名遐迩。", "Libo's karst forest is part of the South China Karst World Heritage site, famous for Xiaoqikong, Daqikong and the Maolan reserve.", ["小七孔景区", "大七孔景区", "茂兰国家级自然保护区"], ["Xiaoqikong", "Daqikong", "Maolan National Nature Reserve"]),
    "duyun": ("都匀毛尖茶乡", "Duyun Maojian tea country", "都匀市是黔南州府，都匀毛尖位列中国十大名茶。", "Duyun is the capital of Qiannan; Duyun Maojian is one of China's ten famous teas.", ["都匀毛尖茶园", "文峰塔", "斗篷山"], ["Duyun Maojian tea gardens", "Wenfeng Pagoda", "Doupeng Mountain"]),
    "dushan": ("黔南南大门", "Qiannan's southern gate", "独山县是贵州通往广西的南大门，深河桥是抗战历史的见证；独山盐酸菜是地方名产。", "Dushan is Guizhou's southern gateway to Guangxi; Shenhe Bridge recalls the War of Resistance, and salted sour greens are its famous pickle.", ["深河桥", "净心谷"], ["Shenhe Bridge", "Jingxin valley"]),
    "sandu": ("水族的故乡", "Home of the Shui people", "三都县是全国唯一的水族自治县，水书、端节和马尾绣都是国家级非物质文化遗产。", "Sandu is China's only Shui autonomous county; the Shui script, the Duan festival and horsetail embroidery are national intangible heritage.", ["姑鲁产蛋崖", "都江古城"], ["Gulu egg-laying cliff", "Dujiang old town"]),
    "guiding": ("云雾贡茶", "Yunwu tribute tea", "贵定县的云雾贡茶历史悠久；音寨“金海雪山”春季油菜花与李花同开。", "Guiding's Yunwu tribute tea has a long history; in spring Yinzhai's 'golden sea and snowy mountain' of rape and plum blossom blooms together.", ["音寨金海雪山", "云雾山茶园"], ["Yinzhai golden sea and snowy mountain", "Yunwu tea gardens"]),
    "longli": ("刺梨之乡", "Cili (Rosa roxburghii) country", "龙里县是刺梨主产区，刺梨维生素C含量极高；龙架山和油画大草原是贵阳近郊的休闲地。", "Longli is a main grower of cili, a fruit very rich in vitamin C; Longjia Mountain and its grassland are getaways near Guiyang.", ["龙架山国家森林公园", "龙里油画大草原"], ["Longjiashan National Forest Park", "Longli grassland"]),
    "huishui": ("黑糯米与好花红", "Black glutinous rice and 'Hao Hua Hong'", "惠水县出产惠水黑糯米，布依族民歌《好花红》就诞生在这里的好花红村。", "Huishui grows black glutinous rice; the Bouyei folk song 'Hao Hua Hong' comes from its village of the same name.", ["好花红村", "涟江"], ["Haohuahong village", "Lianjiang River"]),
}

# slug: (title, summary, start, end, place, address, city, county) with (zh, en) pairs where text
EVENTS = [
    {
        "slug": "qianhuo-new-year-fair-2027",
        "title": ("2027黔货进穗年货节·广州推介会", "Qianhuo New Year Fair 2027 in Guangzhou"),
        "summary": ("毕节、黔南22个结对县的合作社带来年货：天麻、竹荪、都匀毛尖、腊肉和非遗手工艺。", "Cooperatives from the 22 paired counties bring New Year goods: tianma, bamboo fungus, Duyun Maojian, cured meat and heritage crafts."),
        "start": date(2027, 1, 15), "end": date(2027, 1, 17),
        "place": ("天河区体育中心广场", "Tianhe Sports Centre Plaza"), "address": ("广州市天河区天河路299号", "299 Tianhe Road, Tianhe District, Guangzhou"),
        "county": None,
    },
    {
        "slug": "baili-dujuan-flower-festival-guangzhou",
        "title": ("百里杜鹃花节广州专场推介会", "Baili Azalea Festival roadshow in Guangzhou"),
        "summary": ("花期前的旅游推介：线路、团期优惠和毕节特产品鉴，番禺区结对帮扶专场。", "A pre-season roadshow for the azalea festival: routes, departure offers and Bijie tastings, hosted with Panyu District."),
        "start": date(2027, 3, 6), "end": date(2027, 3, 6),
        "place": ("番禺区市桥文化广场", "Shiqiao Culture Square, Panyu"), "address": ("广州市番禺区", "Panyu District, Guangzhou"),
        "county": "baili-dujuan",
    },
    {
        "slug": "duyun-maojian-tea-tasting-2026",
        "title": ("都匀毛尖春茶品鉴会", "Duyun Maojian spring tea tasting"),
        "summary": ("明前都匀毛尖在广州芳村茶叶市场首发，茶农现场冲泡讲解。", "The first pre-Qingming Duyun Maojian of the year, brewed and explained by its growers at Guangzhou's Fangcun tea market."),
        "start": date(2026, 4, 18), "end": date(2026, 4, 19),
        "place": ("芳村茶叶市场", "Fangcun tea market"), "address": ("广州市荔湾区芳村大道", "Fangcun Avenue, Liwan District, Guangzhou"),
        "county": "duyun",
    },
]

STORIES = [
    {
        "slug": "mawei-embroidery",
        "title": ("水族马尾绣：以马尾为芯的刺绣", "Shui horsetail embroidery"),
        "craft": ("马尾绣", "Horsetail embroidery"), "level": ("国家级非物质文化遗产", "National intangible cultural heritage"),
        "summary": ("三都水族妇女用白色丝线缠绕马尾作芯，盘绣出浮雕般的纹样。", "Shui women in Sandu wrap white silk around horsetail hair and couch it into raised, relief-like patterns."),
        "body": ("马尾绣是水族独有的刺绣技艺，马尾的韧性让绣纹挺括耐久，常用于背带、绣鞋和围腰。合作社把传统纹样做成钱包、挂饰等日常用品，让绣娘在家门口增收。", "Horsetail embroidery is unique to the Shui people: the horsehair core keeps the motifs crisp and durable on baby carriers, shoes and aprons. Cooperatives now turn the patterns into purses and ornaments so embroiderers can earn at home."),
        "county": "sandu", "products": ["三都马尾绣"],
    },
    {
        "slug": "dafang-lacquerware",
        "title": ("大方漆器：四十余道工序的光泽", "Dafang lacquerware"),
        "craft": ("大方漆器", "Dafang lacquerware"), "level": ("国家级非物质文化遗产", "National intangible cultural heritage"),
        "summary": ("以本地生漆为原料，手工髹漆四十余道，器物轻巧而耐用。", "Made with local raw lacquer in more than forty hand-applied coats, light yet durable."),
        "body": ("大方漆器髹饰技艺已有数百年历史，皮胎漆器轻、薄、坚、润。匠人在阴房中逐层髹漆、打磨，一件果盘往往要数月才能完成。", "Dafang's lacquer craft goes back centuries; its leather-bodied pieces are light, thin, strong and glossy. Artisans apply and polish layer after layer in a damp room, and a single fruit tray can take months."),
        "county": "dafang", "products": ["大方漆器"],
    },
    {
        "slug": "miao-batik-embroidery",
        "title": ("苗族蜡染与苗绣：化屋村的手艺", "Miao batik and embroidery of Huawu"),
        "craft": ("蜡染·苗绣", "Batik and Miao embroidery"), "level": ("国家级非物质文化遗产（苗绣）", "National intangible cultural heritage (Miao embroidery)"),
        "summary": ("用蜡刀蘸蜂蜡在布上画纹，再以蓝靛染色；绣娘把山川、鸟兽绣进衣裳。", "Beeswax is drawn on cloth with a wax knife before indigo dyeing; embroiderers stitch mountains and birds into clothing."),
        "body": ("黔西化屋村的苗族妇女世代相传蜡染与刺绣。合作社统一设计、接单和结算，绣娘按件计酬，产品从围巾到茶席，送到广州的买家手中。", "Miao women of Huawu have handed down batik and embroidery for generations. The cooperative designs, takes orders and pays by the piece, and the scarves and table runners reach buyers in Guangzhou."),
        "county": "qianxi", "products": ["化屋苗绣"],
    },
    {
        "slug": "yazhou-pottery",
        "title": ("牙舟陶：釉色如玉的布依族陶器", "Yazhou pottery"),
        "craft": ("牙舟陶", "Yazhou pottery"), "level": ("国家级非物质文化遗产", "National intangible cultural heritage"),
        "summary": ("平塘牙舟镇的陶器以玻璃质感的釉色和古朴造型著称。", "Pottery from Yazhou in Pingtang is known for its glassy glazes and simple, archaic forms."),
        "body": ("牙舟陶始于明代，釉面开片自然，色彩以黄、绿、褐为主。如今的茶具、花器把传统造型带进广州的茶室。", "Yazhou pottery dates back to the Ming dynasty; its glazes craze naturally in yellows, greens and browns. Today's tea sets and vases bring the old forms into Guangzhou's tea rooms."),
        "county": "pingtang", "products": ["平塘牙舟陶"],
    },
]

# route slug -> [(date, price, seats)]
DEPARTURES = {
    "baili-dujuan-huahai": [(date(2027, 3, 27), Decimal("1680.00"), 30), (date(2027, 4, 10), Decimal("1780.00"), 30)],
    "libo-xiaoqikong": [(date(2027, 5, 1), Decimal("2280.00"), 25), (date(2027, 7, 10), Decimal("2180.00"), 25)],
}

INQUIRY_FIELDS = [
    # (label zh, label en, type, required, choices zh, choices en)
    ("联系人", "Contact name", "singleline", True, "", ""),
    ("手机", "Mobile", "singleline", True, "", ""),
    ("邮箱", "Email", "email", False, "", ""),
    ("单位名称", "Organisation", "singleline", False, "", ""),
    ("团队人数", "Group size", "number", True, "", ""),
    ("意向线路", "Route of interest", "singleline", False, "", ""),
    ("出发日期", "Departure date", "date", False, "", ""),
    ("备注", "Notes", "multiline", False, "", ""),
]


def _picture(title: str, label: str, theme: str = "landscape") -> Image:
    image = Image.objects.filter(title=title).first()
    if image is None:
        picture = ImageFile(io.BytesIO(draw_picture(label, theme=theme, size=(1600, 700))), name=f"{slugify(label)}.jpg")
        image = Image(title=title, file=picture)
        image.save()
    return image


def _child(parent: Page, model: type[Page], slug: str, locale: Locale, **fields) -> Page:
    page = model.objects.filter(locale=locale, slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=locale, **fields)
        parent.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def translate_page(page: Page, locale: Locale, **fields) -> Page:
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=False)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def _products(prefixes: list[str]) -> list:
    Product = get_model("catalogue", "Product")
    products = []
    for prefix in prefixes:
        products += list(Product.objects.browsable().filter(title__startswith=prefix).order_by("upc")[:2])
    return products


def _paragraph(text: str) -> list:
    return [("paragraph", f"<p>{text}</p>")]


@transaction.atomic
def seed_tourism() -> None:
    """Events, heritage stories, county stories, route products, departures and the inquiry form, in zh and en."""
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=zh)
    counties = {county.slug: county for county in County.objects.all()}

    # Events.
    events = _child(home, EventIndexPage, "events", zh, title="活动推介")
    events.intro = "黔货进穗推介会、节庆活动和消费帮扶专场。"
    events.save_revision().publish()
    translate_page(events, en, title="Events", intro="Roadshows, festivals and consumer-support fairs.")
    for item in EVENTS:
        page = _child(
            events, EventPage, item["slug"], zh,
            title=item["title"][0], summary=item["summary"][0], start_date=item["start"], end_date=item["end"],
            place=item["place"][0], address=item["address"][0], city="广州",
            county=counties.get(item["county"] or ""), hero_image=_picture(f"活动：{item['title'][0]}", item["title"][1][:24], "market"),
            body=_paragraph(item["summary"][0]),
        )
        page.save_revision().publish()
        translate_page(page, en, title=item["title"][1], summary=item["summary"][1], place=item["place"][1],
                   address=item["address"][1], city="Guangzhou", body=_paragraph(item["summary"][1]))

    # Cultural stories.
    stories = _child(home, CulturalStoryIndexPage, "culture", zh, title="非遗手艺")
    stories.intro = "毕节、黔南的非物质文化遗产和民族手工艺，以及把它们带回家的方式。"
    stories.save_revision().publish()
    translate_page(stories, en, title="Heritage crafts", intro="Intangible heritage and ethnic handicrafts of Bijie and Qiannan — and how to take them home.")
    for item in STORIES:
        links = [StoryProduct(product=product, sort_order=order) for order, product in enumerate(_products(item["products"]))]
        page = _child(
            stories, CulturalStoryPage, item["slug"], zh,
            title=item["title"][0], craft=item["craft"][0], heritage_level=item["level"][0], summary=item["summary"][0],
            county=counties[item["county"]], hero_image=_picture(f"非遗：{item['title'][0]}", item["craft"][1][:24], "crafts"),
            body=_paragraph(item["body"][0]),
        )
        page.products = links
        page.save_revision().publish()
        translate_page(page, en, title=item["title"][1], craft=item["craft"][1], heritage_level=item["level"][1],
                   summary=item["summary"][1], body=_paragraph(item["body"][1]),
                   products=[StoryProduct(product=link.product, sort_order=link.sort_order) for link in links])

    # County stories (snippets, one per language).
    for slug, (headline, headline_en, story, story_en, sights, sights_en) in COUNTY_STORIES.items():
        county = counties.get(slug)
        if county is None:
            continue
        image = _picture(f"县域：{county.name}", county.name_en)
        original, _created = CountyStory.objects.update_or_create(
            county=county, locale=zh, defaults={"headline": headline, "story": f"<p>{story}</p>", "sights": "\n".join(sights), "hero_image": image}
        )
        CountyStory.objects.update_or_create(
            county=county, locale=en,
            defaults={"translation_key": original.translation_key, "headline": headline_en, "story": f"<p>{story_en}</p>", "sights": "\n".join(sights_en), "hero_image": image},
        )

    # "带回家的味道": each demo route shows its county's products.
    Product = get_model("catalogue", "Product")
    tourism = TourismIndexPage.objects.get(locale=zh)
    for route in RoutePage.objects.child_of(tourism).filter(slug__in=[*DEPARTURES, "zhijin-cave", "pingtang-fast", "duyun-maojian-tea", "sandu-shui-culture"]):
        products = list(Product.objects.browsable().filter(origin_county=route.county).order_by("upc")[:4])
        chosen = [product.pk for product in products]
        if [link.product_id for link in route.related_products.all()] != chosen:
            route.related_products = [RouteProduct(product_id=pk, sort_order=order) for order, pk in enumerate(chosen)]
            route.save_revision().publish()
        translation = route.get_translation_or_none(en)
        if translation is not None and [link.product_id for link in translation.related_products.all()] != chosen:
            translation.related_products = [RouteProduct(product_id=pk, sort_order=order) for order, pk in enumerate(chosen)]
            translation.save_revision().publish()

    # Departures, sold as shop products.
    for slug, departures in DEPARTURES.items():
        route = RoutePage.objects.get(locale=zh, slug=slug)
        for when, price, seats in departures:
            departure, _created = Departure.objects.get_or_create(route=route, date=when, defaults={"price": price, "seats": seats})
            sync_departure_product(departure)

    # Group inquiry form.
    inquiry = _child(tourism, GroupInquiryPage, "group-inquiry", zh, title="团队定制咨询")
    inquiry.intro = "<p>企业团建、工会疗休养、学校研学：告诉我们人数和日期，协作办文旅专员两个工作日内联系您。</p>"
    inquiry.thank_you_text = "<p>感谢您的咨询，我们会尽快与您联系。</p>"
    inquiry.to_address, inquiry.from_address, inquiry.subject = STAFF_EMAIL, "noreply@example.com", "团队定制咨询"
    inquiry.form_fields = [
        InquiryFormField(sort_order=order, label=label, field_type=kind, required=required, choices=choices)
        for order, (label, _label_en, kind, required, choices, _choices_en) in enumerate(INQUIRY_FIELDS)
    ]
    inquiry.save_revision().publish()
    translate_page(
        inquiry, en, title="Group inquiry",
        intro="<p>Company outings, union retreats, school study trips: tell us your group size and dates and we will reply within two working days.</p>",
        thank_you_text="<p>Thank you — we will be in touch soon.</p>", subject="Group inquiry",
        form_fields=[
            InquiryFormField(sort_order=order, label=label_en, field_type=kind, required=required, choices=choices_en)
            for order, (_label, label_en, kind, required, _choices, choices_en) in enumerate(INQUIRY_FIELDS)
        ],
    )


__all__ = ["seed_tourism"]
