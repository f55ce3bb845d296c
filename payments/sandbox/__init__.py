"""A local Stripe test double: the few API endpoints we call, Stripe's hosted payment page, signed webhooks.

Stripe cannot be reached from our machines, so when STRIPE_SECRET_KEY is empty the
``stripe`` library is pointed here (``stripe.api_base``). It is mounted at
``/stripe-sandbox/`` only in that case, and every view answers 404 once a real key is
set — with real keys the sandbox is unreachable.

State lives in the Django cache (process memory, or Redis when REDIS_URL is set), never
in the database: the shop calls the sandbox from inside its own database transactions,
and on SQLite a second writer would wait for the first.
"""
