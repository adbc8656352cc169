# A plan's goals counted by status, stored (see styr.indicators.rollup).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0005_metric_text_values'),
        ('plans', '0004_text_images'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanRollup',
            fields=[
                ('plan', models.OneToOneField(help_text='The plan whose goals are counted.', on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='rollup', serialize=False, to='plans.plan')),
                ('year', models.PositiveIntegerField(help_text="The year the goals are judged in: the latest up to the plan year in which most indicators have both a result and a target (often last year's forecast while the plan is written).", null=True, verbose_name='bedömt år')),
                ('met', models.PositiveIntegerField(default=0, help_text="Goals met: by their indicators under the municipality's goal rule, or as assessed by hand at the latest report.", verbose_name='uppfyllda')),
                ('near', models.PositiveIntegerField(default=0, help_text="Goals nearly met (within the municipality's tolerance), or partly met by hand.", verbose_name='nära målet')),
                ('not_met', models.PositiveIntegerField(default=0, help_text='Goals not met.', verbose_name='ej uppfyllda')),
                ('no_data', models.PositiveIntegerField(default=0, help_text='Goals none of whose indicators has both a result and a target for the year, and which nobody has assessed by hand.', verbose_name='uppgift saknas')),
            ],
            options={
                'verbose_name': 'måluppfyllelse i sammandrag',
                'verbose_name_plural': 'måluppfyllelse i sammandrag',
            },
        ),
    ]
