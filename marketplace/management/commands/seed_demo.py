"""Load the demo site: cooperatives, products, users, CMS pages and routes. Idempotent.

`--products N` adds N more products (bulk-created) for benchmarks on large catalogues.
"""

import io
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from aftersales.demo import seed_aftersales
from cms.models import HomePage, StandardPage
from cooperatives.demo import seed_fulfilment
from marketplace.bulkload import after_bulk_load
from marketplace.demo import data
from marketplace.demo.consistency import make_consistent
from marketplace.demo.cooperatives import seed_cooperatives
from marketplace.demo.english import seed_english
from marketplace.demo.images import draw_picture
from marketplace.demo.impact import seed_impact
from marketplace.demo.orders import seed_orders
from marketplace.demo.tourism import seed_tourism, translate_page
from marketplace.demo.traceability import seed_traceability
from marketplace.demo.wholesale import seed_wholesale
from regions.models import County
from tourism.models import RoutePage, TourismIndexPage

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

DEMO_PASSWORD = "qianhuo-demo-2026"
COOPERATIVE_GROUP = "合作社"
WHOLESALE_GROUP = "批发采购商"
STAFF_GROUP = "协作办工作人员"


class Command(BaseCommand):
    help = "Load (or refresh) the demo data. Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=0, help="Also build N extra products for benchmarks.")

    def handle(self, *args, products: int = 0, **options):
        with transaction.atomic():
            counties = {county.slug: county for county in County.objects.all()}
            partners = self.cooperatives(counties)
            categories = {key: create_from_breadcrumbs(name) for key, name in data.CATEGORIES.items()}
            created = self.catalogue(counties, partners, categories)
            self.users(partners)
            self.pages(counties)
        seed_tourism()
        seed_cooperatives()
        self.stdout.write(f"Demo catalogue: {Product.objects.count()} products ({created} new).")
        seed_traceability()
        seed_wholesale()
        seed_orders()
        seed_fulfilment()  # packages and order states of the demo orders (cooperatives/demo.py)
        seed_aftersales()  # claims in every state and verified reviews with photos (aftersales/demo.py)
        seed_impact(self.stdout)
        seed_english()
        if products:
            self.bulk_products(products, counties, partners, categories)
        make_consistent(self.stdout)  # harvest dates in season, route prices from departures, galleries
        after_bulk_load()  # ANALYZE on PostgreSQL, fresh page-cache version (marketplace/bulkload.py)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    # --- shop -----------------------------------------------------------
    def cooperatives(self, counties: dict) -> dict:
        partners = {}
        for slug, (name, _households) in data.COOPERATIVES.items():
            partner, _ = Partner.objects.update_or_create(code=f"coop-{slug}", defaults={"name": name, "county": counties[slug]})
            partners[slug] = partner
        return partners

    def catalogue(self, counties: dict, partners: dict, categories: dict) -> int:
        produce, _ = ProductClass.objects.get_or_create(
            name="农产品", defaults={"requires_shipping": True, "track_stock": True}
        )
        crafts, _ = ProductClass.objects.get_or_create(
            name="手工艺品", defaults={"requires_shipping": True, "track_stock": True}
        )
        created_count = 0
        for index, (county_slug, category, name, latin, description, storage, specs) in enumerate(data.SPECIALITIES):
            county = counties[county_slug]
            for spec_index, (spec, grams, price, stock) in enumerate(specs):
                upc = f"QH{index:03d}{spec_index}"
                product, created = Product.objects.update_or_create(
                    upc=upc,
                    defaults={
                        "title": f"{name} {spec}",
                        "description": f"<p>{description}</p>",
                        "product_class": crafts if category == "crafts" else produce,
                        "origin_county": county,
                        "is_public": True,
                        "net_weight_grams": grams,
                        "unit": "件" if category == "crafts" else "箱" if grams >= 5000 else "份",
                        "storage": storage,
                        "shelf_life_days": data.shelf_life_days(category, storage),
                        "harvest_months": data.HARVEST_MONTHS.get(category, ""),
                        "is_geographical_indication": "地理标志" in description,
                    },
                )
                created_count += created
                ProductCategory.objects.get_or_create(product=product, category=categories[category])
                StockRecord.objects.update_or_create(
                    partner=partners[county_slug],
                    partner_sku=upc,
                    defaults={"product": product, "price": price, "price_currency": "CNY", "num_in_stock": stock},
                )
                if not product.images.exists():
                    picture = draw_picture(latin, theme=category, sublabel=f"{county.name_en} · {spec_index + 1}")
                    image = ProductImage(product=product, display_order=0, caption=name)
                    image.original.save(f"{upc.lower()}.jpg", ContentFile(picture), save=True)
        return created_count

    def bulk_products(self, count: int, counties: dict, partners: dict, categories: dict) -> None:
        """Large catalogues for benchmarks: cheap rows that reuse the demo pictures."""
        existing = Product.objects.filter(upc__startswith="BENCH").count()
        if existing >= count:
            self.stdout.write(f"Benchmark catalogue already has {existing} extra products.")
            return
        produce = ProductClass.objects.get(name="农产品")
        templates = list(Product.objects.filter(upc__startswith="QH").select_related("origin_county").prefetch_related("images", "categories"))
        batch = 1000
        for start in range(existing, count, batch):
            stop = min(start + batch, count)
            new_products = []
            for number in range(start, stop):
                template = templates[number % len(templates)]
                new_products.append(
                    Product(
                        upc=f"BENCH{number:07d}",
                        title=f"{template.title} · 批次{number}",
                        slug=f"{template.slug}-{number}",
                        description=template.description,
                        product_class=produce,
                        origin_county=template.origin_county,
                        is_public=True,
                    )
                )
            Product.objects.bulk_create(new_products)
            saved = Product.objects.filter(upc__in=[p.upc for p in new_products]).order_by("upc")
            records, images, links = [], [], []
            for product, number in zip(saved, range(start, stop), strict=True):
                template = templates[number % len(templates)]
                partner = partners[template.origin_county.slug]
                records.append(StockRecord(product=product, partner=partner, partner_sku=product.upc, price=Decimal("10.00") + number % 200, price_currency="CNY", num_in_stock=100))
                first_image = template.images.all()[0]
                images.append(ProductImage(product=product, original=first_image.original.name, display_order=0))
                links.append(ProductCategory(product=product, category=template.categories.all()[0]))
            StockRecord.objects.bulk_create(records)
            ProductImage.objects.bulk_create(images)
            ProductCategory.objects.bulk_create(links)
            self.stdout.write(f"  benchmark products: {stop}/{count}")

    # --- people ---------------------------------------------------------
    def users(self, partners: dict) -> None:
        dashboard_access = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        coop_group, _ = Group.objects.get_or_create(name=COOPERATIVE_GROUP)
        coop_group.permissions.add(dashboard_access)
        wholesale_group, _ = Group.objects.get_or_create(name=WHOLESALE_GROUP)
        staff_group, _ = Group.objects.get_or_create(name=STAFF_GROUP)

        staff = self.user("staff", "staff@example.com", "协作办", "管理员", is_staff=True, is_superuser=True)
        staff.groups.add(staff_group)
        self.user("consumer", "consumer@example.com", "陈", "小姐")
        buyer = self.user("buyer", "buyer@example.com", "天河生鲜超市", "采购部")
        buyer.groups.add(wholesale_group)
        for slug, partner in partners.items():
            coop_user = self.user(f"coop-{slug}", f"coop-{slug}@example.com", partner.name[:30], "")
            coop_user.groups.add(coop_group)
            partner.users.add(coop_user)

    def user(self, username: str, email: str, first: str, last: str, **flags):
        User = get_user_model()
        user, _ = User.objects.update_or_create(
            username=username, defaults={"email": email, "first_name": first, "last_name": last, **flags}
        )
        # Known demo passwords only on a development site; elsewhere staff must reset them.
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        return user

    # --- CMS ------------------------------------------------------------
    def picture(self, title: str, latin: str, *, theme: str = "landscape", size=(1600, 700)) -> Image:
        image = Image.objects.filter(title=title).first()
        if image is None:
            picture = ImageFile(io.BytesIO(draw_picture(latin, theme=theme, size=size)), name=f"{slugify(latin)}.jpg")
            image = Image(title=title, file=picture)
            image.save()
        return image

    def pages(self, counties: dict) -> None:
        zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
        en = Locale.objects.get_or_create(language_code="en")[0]
        root = Page.get_first_root_node()

        home = HomePage.objects.filter(locale=zh).first()
        if home is None:
            home = HomePage(title="首页", slug="home-zh", locale=zh, hero_title="黔货进穗")
            root.add_child(instance=home)
        home.hero_title = "毕节·黔南好物，直达广州"
        home.hero_subtitle = "22个结对县的绿色有机农产品、非遗手工艺和山水线路。每一单都能追溯到县、合作社和采收批次。"
        home.hero_image = self.picture("首页主图", "Guizhou Highlands")
        home.hero_cta_text = "逛农产品商城"
        home.hero_cta_url = "/shop/catalogue/"
        home.pairing_title = "广州 · 毕节 · 黔南 结对帮扶"
        home.pairing_story = (
            "<p>2017年起，广州市10个区结对帮扶毕节市10个县（区）和黔南州12个县（市、区），"
            "把毕节、黔南建设成广州的无公害绿色有机农产品供应基地，打通进入广州蔬果批发市场和超市的渠道。</p>"
        )
        home.save_revision().publish()

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="黔货进穗")
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "黔货进穗"
            site.save()
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()  # Wagtail's "Welcome" placeholder page

        tourism = TourismIndexPage.objects.filter(locale=zh).first()
        if tourism is None:
            tourism = TourismIndexPage(title="文旅线路", slug="tourism", locale=zh)
            home.add_child(instance=tourism)
        tourism.intro = "百企千团十万广东人游贵州：从广州出发的毕节、黔南精品线路。"
        tourism.save_revision().publish()

        for route_data in data.ROUTES:
            route = RoutePage.objects.filter(locale=zh, slug=route_data["slug"]).first()
            if route is None:
                route = RoutePage(slug=route_data["slug"], locale=zh, title=route_data["title"][0], summary=route_data["summary"][0], county=counties[route_data["county"]])
                tourism.add_child(instance=route)
            route.title, route.summary = route_data["title"][0], route_data["summary"][0]
            route.county = counties[route_data["county"]]
            route.duration_days, route.price_from, route.best_months = route_data["days"], route_data["price"], route_data["months"][0]
            route.theme, route.seasons = route_data["theme"], route_data["seasons"]
            route.hero_image = self.picture(f"线路：{route_data['title'][0]}", route_data["title"][1][:22])
            route.body = [("paragraph", f"<p>{route_data['summary'][0]}</p>")]
            for name, value in self.route_texts(route_data, 0).items():
                setattr(route, name, value)
            route.save_revision().publish()

        standard = {
            "about": ("关于平台", "About", "黔货进穗是广州市东西部扶贫协作的消费帮扶平台，由协作办指导运营。", "The consumer-support platform of Guangzhou's East–West cooperation with Bijie and Qiannan."),
            "wholesale": ("批发采购", "Wholesale", "超市、食堂、蔬果批发市场可申请企业账户，享受阶梯价、整箱起订与账期结算。", "Supermarkets, canteens and wholesale markets can open a business account with volume prices, case packs and invoice terms."),
        }
        for slug, (title, _title_en, intro, _intro_en) in standard.items():
            page = StandardPage.objects.filter(locale=zh, slug=slug).first()
            if page is None:
                page = StandardPage(slug=slug, locale=zh, title=title)
                home.add_child(instance=page)
            page.title, page.intro = title, intro
            page.save_revision().publish()

        # English translations: same slugs, translated text.
        self.translate(home, en, title="Home", hero_title="Bijie & Qiannan produce, straight to Guangzhou",
                       hero_subtitle="Green and organic food, heritage crafts and mountain routes from the 22 paired counties — every order traceable to its county, cooperative and harvest batch.",
                       hero_cta_text="Shop the produce", hero_cta_url="/en/shop/catalogue/",
                       pairing_title="Guangzhou · Bijie · Qiannan pairing",
                       pairing_story="<p>Since 2017, ten Guangzhou districts have each been paired with counties of Bijie and Qiannan to make them Guangzhou's supply base of green and organic produce.</p>")
        self.translate(tourism, en, title="Tourism routes", intro="Routes from Guangzhou to Bijie and Qiannan.")
        for route_data in data.ROUTES:
            route = RoutePage.objects.get(locale=zh, slug=route_data["slug"])
            self.translate(route, en, title=route_data["title"][1], summary=route_data["summary"][1], best_months=route_data["months"][1],
                           body=[("paragraph", f"<p>{route_data['summary'][1]}</p>")],
                           theme=route_data["theme"], seasons=route_data["seasons"], **self.route_texts(route_data, 1))
        for slug, (_title, title_en, _intro, intro_en) in standard.items():
            self.translate(StandardPage.objects.get(locale=zh, slug=slug), en, title=title_en, intro=intro_en)

    def route_texts(self, route_data: dict, language: int) -> dict:
        """A route's texts in one language (0 Chinese, 1 English): highlights, travel info and the itinerary."""
        itinerary = [
            {
                "type": "day",
                "value": {
                    "title": day["title"][language],
                    "description": f"<p>{day['description'][language]}</p>",
                    "stops": [
                        {"name": stop[language], "county": stop[2], "latitude": stop[3], "longitude": stop[4], "note": stop[5 + language]}
                        for stop in day["stops"]
                    ],
                },
            }
            for day in route_data["itinerary"]
        ]
        return {
            "highlights": route_data["highlights"][language],
            "getting_there": route_data["getting_there"][language],
            "tips": route_data["tips"][language],
            "itinerary": itinerary,
        }

    def translate(self, page: Page, locale: Locale, **fields) -> Page:
        return translate_page(page, locale, **fields)
