"""Oscar's customer app with the address book on our Chinese address form.

The app itself (``name``, label, models, migrations, URLs) stays Oscar's, as
``marketplace.shop.ShopConfig`` keeps Oscar's root app: forking ``customer`` or
``address`` would copy their migrations only to change one form. ``ready`` swaps in
the address views of ``addressbook.views``, as ``checkout.apps`` swaps its views.
"""

from oscar.apps.customer import apps


class CustomerConfig(apps.CustomerConfig):
    def ready(self):
        super().ready()
        from addressbook import views

        self.address_create_view = views.AddressCreateView
        self.address_update_view = views.AddressUpdateView
        self.address_delete_view = views.AddressDeleteView
        self.address_change_status_view = views.SetDefaultAddressView
