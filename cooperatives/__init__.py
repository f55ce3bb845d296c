"""County cooperatives sell on the platform (issue 5).

- Public: ``/cooperatives/apply/`` (application form) and ``/cooperatives/<partner-code>/`` (profile).
- Staff and cooperative dashboard pages: ``cooperatives.dashboard`` at ``/dashboard/cooperative/``.
- Oscar's own order dashboard is forked to staff only (``dashboard.orders``): it shows a partner
  user every line, the buyer's e-mail and billing address of a mixed order. Cooperatives see their
  own lines and the shipping name/address at ``/dashboard/cooperative/orders/`` and record packing
  and shipping in ``LineFulfilment`` (one per ``order.Line``; the order app itself is not forked here).
- Service functions (review, fulfilment, settlement) are in ``cooperatives.services``; bulk
  import/export in ``cooperatives.importing``.
"""
