"""Crop and price-type names in the farmer's language, the data's own name beside.

The data names a crop as its source does ("Rice (coarse, BR-8/ 11/, Guti Sharna)",
"ONION", "Oil (palm)"). The page shows the local word first and the data's own
name after it, so a farmer can still match what a trader or a file says.
Unknown names are shown as the data has them.
"""

from __future__ import annotations

import re

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Keys: the data's name lower-cased, anything in brackets and after a comma dropped
# ("Rice (coarse, BR-8/ 11/)" -> "rice (coarse)" is tried first, then "rice").
COMMODITY_WORDS = {
    "onion": _("onion"),
    "potato": _("potato"),
    "tomato": _("tomato"),
    "wheat": _("wheat"),
    "wheat flour": _("wheat flour (atta)"),
    "rice": _("rice"),
    "rice (coarse)": _("coarse rice"),
    "rice (medium grain)": _("medium-grain rice"),
    "lentils": _("lentils"),
    "lentils (masur)": _("red lentils (masoor)"),
    "oil (palm)": _("palm oil"),
    "palm oil": _("palm oil"),
    # Agmarknet's commonest names ("Paddy(Dhan)(Common)" is looked up as "paddy").
    "paddy": _("paddy (rice in husk)"),
    "maize": _("maize"),
    "bajra": _("pearl millet (bajra)"),
    "jowar": _("sorghum (jowar)"),
    "bengal gram": _("chickpea (chana)"),
    "arhar": _("pigeon pea (arhar, tur)"),
    "green gram": _("green gram (moong)"),
    "black gram": _("black gram (urad)"),
    "mustard": _("mustard"),
    "soyabean": _("soybean"),
    "groundnut": _("groundnut"),
    "cotton": _("cotton"),
    "garlic": _("garlic"),
    "ginger": _("ginger"),
    "green chilli": _("green chilli"),
    "brinjal": _("brinjal"),
    "cabbage": _("cabbage"),
    "cauliflower": _("cauliflower"),
    "bhindi": _("okra (bhindi)"),
    "banana": _("banana"),
    "apple": _("apple"),
}
PRICE_TYPE_WORDS = {"retail": _("retail"), "wholesale": _("wholesale")}

_BRACKET = re.compile(r"\s*\(([^,)]*)[^)]*\)?")


def _keys(name: str) -> list[str]:
    low = " ".join(name.lower().split())
    base = _BRACKET.sub("", low).strip()
    first = _BRACKET.search(low)
    keys = [low]
    if first:
        keys.append(f"{base} ({first.group(1).strip()})")
    keys.append(base)
    return keys


def crop_word(name: str) -> str:
    """The crop's name in the active language, or "" when the map does not know it."""
    for key in _keys(name):
        if key in COMMODITY_WORDS:
            return str(COMMODITY_WORDS[key])
    return ""


def is_english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def crop_label(name: str) -> tuple[str, str]:
    """(local word, the data's own name) for the page; the local word is "" in
    English or for an unknown crop, and then only the data's name is shown."""
    word = crop_word(name)
    if is_english() or not word:
        return "", name
    return word[:1].upper() + word[1:] if word.isascii() else word, name


def price_type_word(variety: str) -> str:
    """ "retail"/"wholesale" in the active language; any other variety as the data has it."""
    word = PRICE_TYPE_WORDS.get(variety.strip().lower())
    return str(word) if word is not None and not is_english() else variety
