default_app_config = 'oscarshop.shipping.apps.ShippingConfig'
