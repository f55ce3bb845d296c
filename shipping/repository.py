"""Which shipping methods a basket may use."""

from oscar.apps.shipping import repository

from shipping.methods import Ambient, ColdChain, basket_needs_cold_chain


class Repository(repository.Repository):
    methods = (Ambient(), ColdChain())

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        """Cold chain only as soon as one chilled or frozen product is in the basket."""
        if basket_needs_cold_chain(basket):
            return [ColdChain()]
        return [Ambient(), ColdChain()]
