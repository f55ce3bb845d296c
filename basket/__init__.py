default_app_config = 'basket.apps.BasketConfig'
