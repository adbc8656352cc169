import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
application = get_wsgi_application()

from styr.core.collector import tune_for_requests  # noqa: E402  # needs Django set up

tune_for_requests()
