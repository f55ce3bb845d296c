"""The assessment report adds up, cell by cell, to the order lines underneath it — net of refunds.

A day in the future (so the demo history is not in it) sees mixed orders: certified 帮扶产品 and
not, 农畜牧产品 and 特色手工艺产品, into Guangzhou and elsewhere, consumer / wholesale /
institutional, a partly refunded line, a fully refunded line, a pending and a failed refund that
must not count, and a cancelled order. The test knows what each line is and computes every
figure itself from the order lines and refund lines; every table, the staff page, the CSV and
the Excel export and the public page must say the same.
"""

import csv
import io
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import load_workbook
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from core.money import format_cny
from impact import selectors
from impact.institutions import institution_progress, ranking
from impact.models import CategoryKind, Channel, ProductKind, SaleLine
from partner.strategy import Selector
from regions.models import County, District
from stripe_payments.models import Refund, RefundLine
from traceability.models import Certificate
from wholesale.models import BusinessAccount, InstitutionBudget

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

# Next February: after every demo order, within every demo certificate's validity, a year of its own.
DAY = date(timezone.localdate().year + 1, 2, 15)
NOON = timezone.make_aware(datetime.combine(DAY, datetime.min.time())) + timedelta(hours=12)
FILTERS = selectors.ReportFilters(start=DAY, end=DAY)


def uncertified(product_class: str, *, exclude=()):
    """A demo product of the class with no 帮扶产品认定 at all (so the test decides what is certified)."""
    return (
        Product.objects.filter(upc__startswith="QH", product_class__name=product_class, origin_county__isnull=False)
        .exclude(certificates__cert_type=Certificate.CertType.POVERTY_PRODUCT)
        .exclude(pk__in=[p.pk for p in exclude])
        .order_by("upc")
        .first()
    )


def certify(product, number: str, households: int, poor: int) -> Certificate:
    partner = product.stockrecords.first().partner
    certificate = Certificate(
        cooperative=partner,
        cert_type=Certificate.CertType.POVERTY_PRODUCT,
        number=number,
        issuing_body="贵州省乡村振兴局",
        catalogue_batch="贵州省消费帮扶产品目录 2024 年第 1 批",
        benefit_modes=[Certificate.BenefitMode.PURCHASE, Certificate.BenefitMode.WAGES],
        households_involved=households,
        poor_households=poor,
        valid_from=DAY - timedelta(days=30),
        valid_until=DAY + timedelta(days=30),
        status=Certificate.Status.VERIFIED,
    )
    certificate.document.save(f"{number}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    certificate.full_clean(exclude=["document"])
    certificate.save()
    certificate.products.add(product)
    return certificate


def address(city: str, district: str) -> ShippingAddress:
    country = Country.objects.filter(iso_3166_1_a2="CN").first() or Country.objects.first()
    return ShippingAddress.objects.create(
        first_name="测试", line1="测试路 1 号", line3=district, line4=city, state="广东省", country=country, phone_number="+8613800138000"
    )


def place(user, items, *, district: str | None = None, city: str = "广州市", status: str = "待发货"):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for product, quantity in items:
        basket.add_product(product, quantity)
    gz = District.objects.get(slug=district) if district else None
    with time_machine.travel(NOON, tick=False):
        return create_order(
            basket=basket,
            user=user,
            status=status,
            guangzhou_district=gz,
            shipping_address=address(city, gz.name if gz else "南山区"),
        )


def refund(order, lines: list[tuple], status=Refund.Status.SUCCEEDED, key: str = "") -> Refund:
    """A refund as payments.refund_order records it: the Refund and one RefundLine per line."""
    total = sum((amount for _line, _units, amount in lines), Decimal("0"))
    made = Refund.objects.create(order=order, key=key or f"test-{order.number}-{status}", amount=total, reason="破损", status=status)
    for line, units, amount in lines:
        RefundLine.objects.create(refund=made, line=line, quantity=units, amount=amount)
    return made


def institution(username: str, company: str, code17: str) -> BusinessAccount:
    from core.validators import credit_code_check_character

    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.com", password="x")
    account = BusinessAccount(
        user=user,
        company_name=company,
        credit_code=code17 + credit_code_check_character(code17),
        buyer_type=BusinessAccount.BuyerType.INSTITUTION,
        contact_name="王老师",
        contact_phone="13900139001",
        delivery_district=District.objects.get(slug="tianhe"),
        delivery_address="体育西路 2 号",
        status=BusinessAccount.Status.APPROVED,
    )
    account.licence.save("licence.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    account.save()
    return account


@dataclass
class Expected:
    """What the test knows about one sold line, and its money and units net of refunds."""

    order: object
    county: County
    kind: str
    certificate: Certificate | None
    into_guangzhou: bool
    district: District | None
    channel: str
    buyer: str
    money: Decimal
    units: int


@pytest.fixture
def world(consumer_user):
    buyer = get_user_model().objects.get(username="buyer")  # the demo's approved supermarket
    school = institution("school", "天河区测试小学食堂", "12440106MB2C7Q4Y1")
    agri_cert = uncertified("农产品")
    agri_plain = uncertified("农产品", exclude=[agri_cert])
    craft_cert = uncertified("手工艺品")
    craft_plain = uncertified("手工艺品", exclude=[craft_cert])
    assert None not in (agri_cert, agri_plain, craft_cert, craft_plain)
    fp_agri = certify(agri_cert, "TEST-FP-AGRI", 120, 45)
    fp_craft = certify(craft_cert, "TEST-FP-CRAFT", 30, 10)

    a = place(consumer_user, [(agri_cert, 2), (craft_plain, 1)], district="tianhe")
    b = place(consumer_user, [(agri_cert, 1), (craft_cert, 1)], city="深圳市")  # elsewhere
    c = place(buyer, [(agri_plain, 20)], district="haizhu")
    d = place(school.user, [(agri_cert, 10), (agri_plain, 10)], district="tianhe")
    e = place(consumer_user, [(agri_cert, 5)], district="tianhe", status="已取消")  # never counts
    d_cert, d_plain = d.lines.order_by("pk")
    refund(d, [(d_cert, 3, (d_cert.line_price_incl_tax * 3 / 10).quantize(Decimal("0.01")))])  # 3 of 10 back
    b_agri, b_craft = b.lines.order_by("pk")
    refund(b, [(b_craft, 1, b_craft.line_price_incl_tax)])  # the whole craft line came back
    refund(a, [(a.lines.order_by("pk")[0], 1, Decimal("5.00"))], status=Refund.Status.PENDING)  # not yet: counts nothing
    refund(c, [(c.lines.get(), 5, Decimal("50.00"))], status=Refund.Status.FAILED)

    kinds = {agri_cert.pk: ProductKind.AGRICULTURAL, agri_plain.pk: ProductKind.AGRICULTURAL}
    kinds.update({craft_cert.pk: ProductKind.HANDICRAFT, craft_plain.pk: ProductKind.HANDICRAFT})
    certs = {agri_cert.pk: fp_agri, craft_cert.pk: fp_craft}
    channels = {a.pk: Channel.CONSUMER, b.pk: Channel.CONSUMER, c.pk: Channel.WHOLESALE, d.pk: Channel.INSTITUTIONAL}
    expected = []
    for order in (a, b, c, d):
        for line in order.lines.order_by("pk"):
            back = [rl for rl in line.refund_lines.all() if rl.refund.status == Refund.Status.SUCCEEDED]
            expected.append(
                Expected(
                    order=order,
                    county=line.product.origin_county,
                    kind=kinds[line.product_id],
                    certificate=certs.get(line.product_id),
                    into_guangzhou=order.guangzhou_district_id is not None,
                    district=order.guangzhou_district,
                    channel=channels[order.pk],
                    buyer=f"u{order.user_id}",
                    money=line.line_price_incl_tax - sum((rl.amount for rl in back), Decimal("0")),
                    units=line.quantity - sum(rl.quantity for rl in back),
                )
            )
    return {"expected": expected, "orders": (a, b, c, d, e), "school": school, "certs": (fp_agri, fp_craft)}


def expect(lines: list[Expected]) -> dict:
    live = [x for x in lines if x.units > 0]
    return {
        "money": sum((x.money for x in lines), Decimal("0.00")),
        "guangzhou_money": sum((x.money for x in lines if x.into_guangzhou), Decimal("0.00")),
        "certified_money": sum((x.money for x in lines if x.certificate), Decimal("0.00")),
        "units": sum(x.units for x in lines),
        "orders": len({x.order.pk for x in live}),
        "buyers": len({x.buyer for x in live}),
    }


def expect_households(lines: list[Expected]) -> tuple[int, int]:
    certificates = {x.certificate.pk: x.certificate for x in lines if x.certificate and x.units > 0}
    return (
        sum(c.households_involved for c in certificates.values()),
        sum(c.poor_households for c in certificates.values()),
    )


def assert_row(row, lines: list[Expected], columns=("money", "guangzhou_money", "certified_money", "units", "orders", "buyers")):
    wanted = expect(lines)
    got = {name: row.values[name] for name in columns}
    assert got == {name: wanted[name] for name in columns}, row.label


def tables() -> dict:
    return {table.key: table for table in selectors.report(FILTERS)}


def test_every_sold_line_has_its_snapshot_from_the_day_of_sale(world):
    a, b, c, d, e = world["orders"]
    entry = SaleLine.objects.get(line=d.lines.order_by("pk")[0])
    assert (entry.channel, entry.certified, entry.kind, entry.into_guangzhou) == (Channel.INSTITUTIONAL, True, "agri", True)
    assert entry.business_account == world["school"]
    assert (entry.households, entry.poor_households) == (120, 45)
    elsewhere = SaleLine.objects.get(line=b.lines.order_by("pk")[0])
    assert (elsewhere.into_guangzhou, elsewhere.district_id) == (False, None)
    # Later changes do not rewrite history: the certificate is revoked, the figures stay as sold.
    world["certs"][0].status = Certificate.Status.REJECTED
    world["certs"][0].save()
    entry.refresh_from_db()
    assert entry.certified is True
    assert tables()["summary"].row("certified").values["money"] == expect([x for x in world["expected"] if x.certificate])["money"]


def test_summary_counts_products_of_the_paired_counties_net_of_refunds(world):
    lines = world["expected"]
    summary = tables()["summary"]
    assert_row(summary.row("total"), lines, ("money", "units", "orders", "buyers"))
    assert summary.row("guangzhou").values["money"] == expect([x for x in lines if x.into_guangzhou])["money"]
    assert summary.row("elsewhere").values["money"] == expect([x for x in lines if not x.into_guangzhou])["money"]
    certified = [x for x in lines if x.certificate]
    assert_row(summary.row("certified"), certified, ("money", "units", "orders", "buyers"))
    assert summary.row("certified_guangzhou").values["money"] == expect([x for x in certified if x.into_guangzhou])["money"]
    involved, poor = expect_households(lines)
    assert (summary.row("households").values["units"], summary.row("poor_households").values["units"]) == (involved, poor)
    # The craft certificate's only line was fully refunded: its households no longer count.
    assert (involved, poor) == (120, 45)
    # The refund of 3 in 10 units is out of the money, the pending and failed refunds are not.
    d_cert = world["orders"][3].lines.order_by("pk")[0]
    assert summary.row("total").values["money"] == sum(
        (line.line_price_incl_tax for order in world["orders"][:4] for line in order.lines.all()), Decimal("0")
    ) - (d_cert.line_price_incl_tax * 3 / 10).quantize(Decimal("0.01")) - world["orders"][1].lines.order_by("pk")[1].line_price_incl_tax


def test_district_table_splits_each_districts_own_paired_counties_from_the_others(world):
    lines = world["expected"]
    table = tables()["district"]
    for district in District.objects.all():
        mine = [x for x in lines if x.district == district]
        row = table.row(district.slug)
        assert_row(row, mine, ("money", "certified_money", "units", "orders", "buyers"))
        own = [x for x in mine if x.county.paired_district_id == district.pk]
        assert row.values["paired_money"] == expect(own)["money"]
        assert row.values["other_money"] == expect(mine)["money"] - expect(own)["money"]
    assert_row(table.row("elsewhere"), [x for x in lines if not x.into_guangzhou], ("money", "units", "orders", "buyers"))


def test_county_poverty_kind_channel_and_month_tables_reconcile_cell_by_cell(world):
    lines = world["expected"]
    report = tables()
    for county in County.objects.all():
        row = report["county"].row(county.slug)
        assert_row(row, [x for x in lines if x.county == county])
        assert row.values["poverty"] == ("是" if county.is_national_poverty_county else "否")
    assert_row(report["county"].row("total"), lines)
    for flag in (True, False):
        assert_row(report["poverty"].row(str(flag)), [x for x in lines if x.county.is_national_poverty_county is flag])
    for kind in ("agri", "handicraft"):
        assert_row(report["kind"].row(kind), [x for x in lines if x.kind == kind])
    for channel in Channel.values:
        assert_row(report["channel"].row(channel), [x for x in lines if x.channel == channel])
    assert_row(report["month"].row(DAY.strftime("%Y-%m")), lines)
    for table in ("county", "poverty", "kind", "channel", "month"):
        assert_row(report[table].row("total"), lines)


def test_certified_and_households_tables_count_only_certified_products(world):
    lines = world["expected"]
    report = tables()
    certified = [x for x in lines if x.certificate]
    for kind in ("agri", "handicraft"):
        mine = [x for x in certified if x.kind == kind]
        row = report["certified"].row(kind)
        assert_row(row, mine, ("money", "guangzhou_money", "units", "orders", "buyers"))
        assert row.values["elsewhere_money"] == expect([x for x in mine if not x.into_guangzhou])["money"]
        assert (row.values["households"], row.values["poor_households"]) == expect_households(mine)
    assert_row(report["certified"].row("total"), certified, ("money", "guangzhou_money", "units", "orders", "buyers"))
    fp_agri, fp_craft = world["certs"]
    row = report["households"].row(str(fp_agri.pk))
    assert (row.values["households"], row.values["poor_households"]) == (120, 45)
    assert row.values["benefit_modes"] == "收购农户产品、务工就业收入"
    assert row.values["money"] == expect([x for x in certified if x.certificate == fp_agri])["money"]
    assert report["households"].row(str(fp_craft.pk)).values["money"] == Decimal("0.00")  # all refunded
    assert report["households"].row("total").values["households"] == 120


def assert_every_table_reconciles(lines: list[Expected]) -> None:
    """Every cell of every table against sums computed here from the lines (as the tests above)."""
    report = tables()
    assert_row(report["summary"].row("total"), lines, ("money", "units", "orders", "buyers"))
    certified = [x for x in lines if x.certificate]
    assert_row(report["summary"].row("certified"), certified, ("money", "units", "orders", "buyers"))
    households, poor = expect_households(lines)
    assert (report["summary"].row("households").values["units"], report["summary"].row("poor_households").values["units"]) == (
        households,
        poor,
    )
    for district in District.objects.all():
        mine = [x for x in lines if x.district == district]
        row = report["district"].row(district.slug)
        assert_row(row, mine, ("money", "certified_money", "units", "orders", "buyers"))
        assert row.values["paired_money"] == expect([x for x in mine if x.county.paired_district_id == district.pk])["money"]
    for county in County.objects.all():
        assert_row(report["county"].row(county.slug), [x for x in lines if x.county == county])
    for flag in (True, False):
        assert_row(report["poverty"].row(str(flag)), [x for x in lines if x.county.is_national_poverty_county is flag])
    for kind in ("agri", "handicraft"):
        assert_row(report["kind"].row(kind), [x for x in lines if x.kind == kind])
        mine = [x for x in certified if x.kind == kind]
        assert_row(report["certified"].row(kind), mine, ("money", "guangzhou_money", "units", "orders", "buyers"))
        assert (report["certified"].row(kind).values["households"], report["certified"].row(kind).values["poor_households"]) == (
            expect_households(mine)
        )
    for channel in Channel.values:
        assert_row(report["channel"].row(channel), [x for x in lines if x.channel == channel])
    assert_row(report["month"].row(DAY.strftime("%Y-%m")), lines)
    for certificate in {x.certificate for x in certified}:
        row = report["households"].row(str(certificate.pk))
        assert row.values["money"] == expect([x for x in certified if x.certificate == certificate])["money"]
    for table in ("county", "poverty", "kind", "channel", "month"):
        assert_row(report[table].row("total"), lines)


def test_a_table_alone_says_what_it_says_in_the_whole_report(world):
    """Tables share their totals in one pass; alone (a CSV export) each must still show the same cells."""
    whole = tables()
    for key in selectors.TABLE_KEYS:
        alone = selectors.report(FILTERS, only=key)
        assert [table.key for table in alone] == [key]
        assert [(row.key, row.values) for row in alone[0].rows] == [(row.key, row.values) for row in whole[key].rows], key
    # A total nobody declared beforehand is computed on its own pass, and is the same.
    data = selectors.LedgerFigures(selectors.ledger(FILTERS))
    alone = data.total(channel=Channel.INSTITUTIONAL)
    row = whole["channel"].row(Channel.INSTITUTIONAL).values
    assert (alone.money, alone.units, alone.orders, alone.buyers) == (row["money"], row["units"], row["orders"], row["buyers"])


def test_the_report_is_a_fixed_number_of_queries_however_many_lines(world, django_assert_max_num_queries):
    """No table runs a query per line, per group or per refund: the whole report is a fixed handful."""
    with django_assert_max_num_queries(17):
        selectors.report(FILTERS)
    with django_assert_max_num_queries(17):
        selectors.report(selectors.ReportFilters())  # every line, the demo history's too


def test_every_table_stays_exact_after_further_refunds(world):
    """Refunds are read when the report runs: a later refund changes every cell it touches, at once."""
    a, b, c, d, e = world["orders"]
    d_cert = d.lines.order_by("pk")[0]
    left = d_cert.line_price_incl_tax - (d_cert.line_price_incl_tax * 3 / 10).quantize(Decimal("0.01"))
    refund(d, [(d_cert, 7, left)], key="the-rest")  # now every unit of the line came back
    a_craft = a.lines.order_by("pk")[1]
    refund(a, [(a_craft, 0, Decimal("3.00"))], key="money-only")  # money back, no unit
    lines = []
    for x in world["expected"]:
        if x.order == d and x.certificate:
            x = replace(x, money=Decimal("0.00"), units=0)
        elif x.order == a and x.kind == ProductKind.HANDICRAFT:
            x = replace(x, money=x.money - Decimal("3.00"))
        lines.append(x)
    assert_every_table_reconciles(lines)
    # The school's order no longer has a certified line: it left the certified orders and buyers.
    certified = tables()["summary"].row("certified").values
    assert certified["orders"] == len({x.order.pk for x in lines if x.certificate and x.units > 0})
    assert world["school"].user_id not in {int(x.buyer[1:]) for x in lines if x.certificate and x.units > 0}


def test_filters_narrow_every_figure_to_the_same_lines(world):
    lines = world["expected"]
    only_institutions = selectors.ReportFilters(start=DAY, end=DAY, channel=Channel.INSTITUTIONAL, certified_only=True)
    summary = selectors.report(only_institutions, only="summary")[0]
    wanted = [x for x in lines if x.channel == "institutional" and x.certificate]
    assert_row(summary.row("total"), wanted, ("money", "units", "orders", "buyers"))
    crafts = selectors.report(selectors.ReportFilters(start=DAY, end=DAY, kind="handicraft"), only="summary")[0]
    assert_row(crafts.row("total"), [x for x in lines if x.kind == "handicraft"], ("money", "units", "orders", "buyers"))


def test_staff_page_and_both_exports_show_the_same_cells(world, client, staff_user):
    client.force_login(staff_user)
    query = f"start={DAY}&end={DAY}"
    page = client.get(f"/dashboard/impact/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    report = tables()
    total = report["summary"].row("total").values["money"]
    assert format_cny(total) in html

    workbook = load_workbook(io.BytesIO(client.get(f"/dashboard/impact/?{query}&export=xlsx").content))
    assert len(workbook.sheetnames) == len(selectors.TABLE_KEYS)  # one sheet per table
    for table, sheet in zip(report.values(), workbook.worksheets, strict=True):
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert rows[1][1] == f"{DAY.isoformat()} — {DAY.isoformat()}"  # the period
        assert rows[2][0] == "筛选条件" and rows[3][0] == "生成时间"
        body = rows[7 : 7 + len(table.rows)]
        for row, cells in zip(table.rows, body, strict=True):
            for (kind, value), cell in zip(table.cells(row), cells, strict=False):
                if kind == "money" and value != "":
                    assert Decimal(str(cell)).quantize(Decimal("0.01")) == value, (table.key, row.label)
                elif kind == "int" and value != "":
                    assert cell == value, (table.key, row.label)

    response = client.get(f"/dashboard/impact/?{query}&channel=institutional&export=csv&table=county")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[2] == ["筛选条件", "渠道：预算单位食堂"]
    header, body = rows[6], rows[7:]
    expected_lines = [x for x in world["expected"] if x.channel == "institutional"]
    by_county = {row[0]: row for row in body if row}
    for county in County.objects.all():
        cells = dict(zip(header, by_county[county.name], strict=False))
        wanted = expect([x for x in expected_lines if x.county == county])
        assert Decimal(cells["销售额（元）"]) == wanted["money"]
        assert int(cells["件数"]) == wanted["units"]
        assert int(cells["订单数"]) == wanted["orders"]


def test_public_page_shows_the_staff_reports_figures_for_the_year(world, client):
    with time_machine.travel(NOON, tick=False):
        html = client.get(f"/impact/?year={DAY.year}").content.decode()
    year = selectors.report(selectors.ReportFilters(start=date(DAY.year, 1, 1), end=date(DAY.year, 12, 31)), only="summary")[0]
    for key in ("total", "guangzhou", "certified"):
        assert format_cny(year.row(key).values["money"]) in html
    assert "<svg" in html and "impact-map__dot" in html
    assert "国定贫困县" not in html  # shoppers read 脱贫县


def test_public_page_is_cached_and_does_not_write(world, client, django_assert_max_num_queries):
    with time_machine.travel(NOON, tick=False):
        client.get("/impact/")
        with django_assert_max_num_queries(8):
            assert client.get("/impact/").status_code == 200


def test_category_mapping_decides_the_kind_of_new_orders_only(world, client, staff_user, consumer_user):
    craft_plain = Product.objects.get(pk=world["orders"][0].lines.order_by("pk")[1].product_id)
    category = craft_plain.categories.first()
    client.force_login(staff_user)
    form = {f"c{kind.category_id}": kind.kind for kind in CategoryKind.objects.all()}
    form[f"c{category.pk}"] = ProductKind.AGRICULTURAL
    assert client.post("/dashboard/impact/kinds/", form).status_code == 302
    later = place(consumer_user, [(craft_plain, 1)], district="tianhe")
    assert SaleLine.objects.get(line__order=later).kind == ProductKind.AGRICULTURAL
    assert SaleLine.objects.get(line=world["orders"][0].lines.order_by("pk")[1]).kind == ProductKind.HANDICRAFT


def test_staff_only(world, client, consumer_user):
    client.force_login(consumer_user)
    for url in ("/dashboard/impact/", "/dashboard/impact/?export=xlsx", "/dashboard/impact/kinds/", "/dashboard/impact/institutions/"):
        assert client.get(url).status_code in (302, 403)


def test_institution_with_a_million_budget_at_30_percent_sees_its_target_and_progress(world, client):
    school = world["school"]
    d_product = world["orders"][3].lines.order_by("pk")[0].product
    d_product.code_832 = "832-GZ-000123"
    d_product.save()
    InstitutionBudget.objects.create(account=school, year=DAY.year, canteen_food_budget=Decimal("1000000.00"))
    d = world["orders"][3]
    d_cert, d_plain = d.lines.order_by("pk")
    counted = d_cert.line_price_incl_tax - (d_cert.line_price_incl_tax * 3 / 10).quantize(Decimal("0.01"))
    progress = institution_progress(school, year=DAY.year)
    assert progress.target == Decimal("300000.00")
    assert progress.bought == counted  # the uncertified line does not count; the refund is out
    assert progress.other == d_plain.line_price_incl_tax
    assert progress.gap == Decimal("300000.00") - counted
    assert progress.percent == (counted * 100 / Decimal("300000")).quantize(Decimal("0.1"))

    # Another refund on the counted line: progress goes down at once.
    refund(d, [(d_cert, 1, Decimal("10.00"))], key="second")
    assert institution_progress(school, year=DAY.year).bought == counted - Decimal("10.00")

    with time_machine.travel(NOON, tick=False):  # "this year" on the wholesale home is DAY's year
        client.force_login(school.user)
        html = client.get("/wholesale/").content.decode()
        assert "¥300,000.00" in html and format_cny(counted - Decimal("10.00")) in html
        export = client.get(f"/wholesale/budget/purchases.xlsx?year={DAY.year}")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    header = rows[4]
    lines = [dict(zip(header, row, strict=False)) for row in rows[5:]]
    assert [line["计入预留份额"] for line in lines] == ["是", "否"]
    assert Decimal(str(lines[0]["金额（元，扣除退款）"])) == counted - Decimal("10.00")
    assert lines[0]["数量（扣除退货）"] == 6
    assert lines[0]["832平台商品编码"] == "832-GZ-000123"

    assert ranking(year=DAY.year)[0].account == school  # the only unit with progress this year


def test_institution_edits_its_budget_and_share_per_year(world, client):
    school = world["school"]
    client.force_login(school.user)
    year = timezone.localdate().year
    response = client.post("/wholesale/budget/", {"year": year, "canteen_food_budget": "¥800,000", "reserved_share_percent": "35"})
    assert response.status_code == 302
    budget = InstitutionBudget.objects.get(account=school, year=year)
    assert (budget.canteen_food_budget, budget.target) == (Decimal("800000.00"), Decimal("280000.00"))
    bad = client.post("/wholesale/budget/", {"year": year, "canteen_food_budget": "很多", "reserved_share_percent": "130"})
    assert bad.status_code == 200 and "金额格式不正确" in bad.content.decode()
    assert InstitutionBudget.objects.get(account=school, year=year).canteen_food_budget == Decimal("800000.00")


def test_a_supermarket_cannot_open_the_budget_pages(world, client):
    client.force_login(get_user_model().objects.get(username="buyer"))
    assert client.get("/wholesale/budget/").status_code == 302
    assert client.get("/wholesale/budget/purchases.xlsx").status_code == 302


def test_staff_ranking_export(world, client, staff_user):
    InstitutionBudget.objects.create(account=world["school"], year=DAY.year, canteen_food_budget=Decimal("1000000.00"))
    client.force_login(staff_user)
    response = client.get(f"/dashboard/impact/institutions/?year={DAY.year}&export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[5]
    school = next(dict(zip(header, row, strict=False)) for row in rows[6:] if row[1] == "天河区测试小学食堂")
    assert Decimal(school["预留目标（元）"]) == Decimal("300000.00")
    assert Decimal(school["已采购（计入，元）"]) == institution_progress(world["school"], year=DAY.year).bought


def test_poverty_product_certificate_needs_its_assessment_details():
    certificate = Certificate(cert_type=Certificate.CertType.POVERTY_PRODUCT, number="X", households_involved=10, poor_households=11)
    with pytest.raises(Exception) as error:
        certificate.clean()
    messages = error.value.message_dict
    assert "请填写认定目录批次。" in messages["catalogue_batch"]
    assert "请至少选择一种带贫方式。" in messages["benefit_modes"]
    assert "脱贫户数不能多于带动农户数。" in messages["poor_households"]


def test_order_page_says_tuopinxian_not_the_historical_flag(world, consumer_user):
    from django.template.loader import render_to_string

    order = world["orders"][0]
    html = render_to_string("impact/order_support.html", {"order": order})
    assert "国定贫困县" not in html


def test_staff_cannot_verify_a_poverty_certificate_missing_its_households(staff_user):
    from django.core.exceptions import ValidationError

    from traceability.services import verify_certificate

    product = uncertified("农产品")
    certificate = Certificate.objects.create(
        cooperative=product.stockrecords.first().partner,
        cert_type=Certificate.CertType.POVERTY_PRODUCT,
        number="TEST-FP-INCOMPLETE",
        issuing_body="贵州省乡村振兴局",
        valid_from=DAY - timedelta(days=30),
        valid_until=DAY + timedelta(days=30),
        document=ContentFile(b"%PDF-1.4\n", name="x.pdf"),
    )
    with pytest.raises(ValidationError):
        verify_certificate(certificate=certificate, user=staff_user)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.PENDING
