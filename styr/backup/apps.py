from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "styr.backup"
    verbose_name = "Säkerhetskopiering"
