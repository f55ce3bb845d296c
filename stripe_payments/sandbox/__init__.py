"""A local Stripe test double: the few API endpoints we call, Stripe's hosted payment page, signed webhooks.

Stripe cannot be reached from our machines, so in development (no STRIPE_SECRET_KEY, and
DEBUG or STRIPE_SANDBOX) the ``stripe`` library is pointed here (``stripe.api_base``) and
answered in-process (``client.py``). It is mounted at ``/stripe-sandbox/`` only in that
case, and every view answers 404 once a real key is set or the sandbox is off.

State lives in the ``stripe_sandbox`` cache (files by default), never in the database:
the shop calls the sandbox from inside its own database transactions.
"""
