"""Template filters for the farmer's pages: dates, crop and price-type names in
the page's language (apps/crops/wording.py, apps/crops/names.py)."""

from django import template
from django.utils.html import format_html

from apps.crops import names, wording

register = template.Library()


@register.filter
def farmer_date(day) -> str:
    """A date as the page's language writes it ("15 अप्रैल 2022")."""
    return wording.day_words(day) if day else ""


@register.filter
def crop(name: str) -> str:
    """The crop's name in the page's language, the data's own name beside it in a
    ``from-data`` span (what the file says is shown as it is)."""
    word, own = names.crop_label(name or "")
    if not word:
        return format_html('<span class="from-data">{}</span>', own)
    return format_html('{} <span class="from-data muted">({})</span>', word, own)


@register.filter
def crop_text(name: str) -> str:
    """The same as plain text, for titles and labels."""
    word, own = names.crop_label(name or "")
    return f"{word} ({own})" if word else own


@register.filter
def price_type(variety: str) -> str:
    return names.price_type_word(variety or "")


@register.filter
def unit(unit_code: str) -> str:
    return wording.unit_word(unit_code or "")
