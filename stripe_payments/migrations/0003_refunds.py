import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("order", "0022_order_guangzhou_district"),
        ("payments", "0002_mainland_china"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=200, unique=True, verbose_name="幂等键")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="退款金额")),
                ("reason", models.CharField(blank=True, max_length=500, verbose_name="退款原因")),
                (
                    "source",
                    models.CharField(
                        choices=[("staff", "客服退款"), ("cancel", "取消订单"), ("aftersale", "售后退款"), ("stripe", "Stripe 后台退款")],
                        default="staff",
                        max_length=16,
                        verbose_name="来源",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "处理中"), ("succeeded", "已退款"), ("failed", "退款失败")],
                        db_index=True,
                        default="pending",
                        max_length=16,
                        verbose_name="状态",
                    ),
                ),
                ("stripe_refund_id", models.CharField(blank=True, max_length=255, verbose_name="Stripe 退款编号")),
                ("failure_message", models.CharField(blank=True, max_length=500, verbose_name="失败原因")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="时间")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="操作人",
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="refunds", to="order.order", verbose_name="订单"
                    ),
                ),
            ],
            options={
                "verbose_name": "退款",
                "verbose_name_plural": "退款",
                "ordering": ["created_at", "pk"],
                "constraints": [models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="refund_amount_positive")],
            },
        ),
        migrations.CreateModel(
            name="RefundLine",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("quantity", models.PositiveIntegerField(default=0, verbose_name="退货数量")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="退款金额")),
                ("restocked", models.BooleanField(default=False, verbose_name="已退回库存")),
                (
                    "line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="refund_lines", to="order.line", verbose_name="订单行"
                    ),
                ),
                (
                    "refund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="lines", to="payments.refund", verbose_name="退款"
                    ),
                ),
            ],
            options={
                "verbose_name": "退款明细",
                "verbose_name_plural": "退款明细",
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("amount__gte", 0)), name="refund_line_amount_not_negative"),
                    models.UniqueConstraint(fields=("refund", "line"), name="refund_line_once_per_refund"),
                ],
            },
        ),
    ]
