"""The shopper's address book (我的 › 收货地址) on the checkout's Chinese address form.

Oscar's customer app stays Oscar's (its models, URLs and the other account views); only
its address views are swapped (``addressbook.apps.CustomerConfig``) so that the address
book asks for 收货人 / 手机号 / 省·市·区 / 详细地址 exactly as checkout does.
"""
