"""What a Kolada value may be: the same range as Styr's own indicator values (ValueBase)."""

from decimal import Decimal

VALUE_MAX_DIGITS = 24
VALUE_DECIMAL_PLACES = 6
VALUE_LIMIT = Decimal(10) ** (VALUE_MAX_DIGITS - VALUE_DECIMAL_PLACES)
