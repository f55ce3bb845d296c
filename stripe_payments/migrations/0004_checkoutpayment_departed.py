from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("payments", "0003_refunds")]

    operations = [
        migrations.AlterField(
            model_name="checkoutpayment",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "待支付"),
                    ("processing", "支付处理中"),
                    ("paid", "已支付"),
                    ("failed", "支付失败"),
                    ("expired", "已过期"),
                    ("canceled", "已取消"),
                    ("unfillable", "库存不足，已自动退款"),
                    ("rejected", "金额不符，已拒绝"),
                    ("departed", "团期已出发，已自动退款"),
                ],
                db_index=True,
                default="open",
                max_length=16,
                verbose_name="状态",
            ),
        ),
    ]
