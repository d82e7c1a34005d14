from core.retrieval.tokenize import tokens


def test_it_stems_english_words_and_drops_function_words():
    assert tokens("The forces acting on bodies") == ["forc", "act", "bodi"]


def test_it_splits_chinese_without_spaces_into_bigrams_and_characters():
    terms = tokens("机器学习")
    assert {"机器", "器学", "学习"} <= set(terms)
    assert {"机", "习"} <= set(terms)


def test_it_keeps_hindi_vowel_signs_inside_words():
    terms = tokens("किसानों को सही दाम")
    # A split at the vowel signs would give single consonants such as "क" and "स".
    assert "किसान" in terms and "दाम" in terms
    assert "स" not in terms


def test_it_tokenises_japanese_kana_and_kanji_runs():
    assert "天気" in tokens("東京の天気")


def test_it_folds_latin_accents_and_case():
    assert tokens("Café CAFE") == ["cafe", "cafe"]


def test_digits_and_latin_written_against_chinese_stay_apart_from_it():
    # Chinese writes numbers and Latin names without a space: "2014年自封为" is the
    # number 2014 and a Chinese run, not one word that nothing else contains.
    assert tokens("2014年自封为") == ["2014", "年", "自", "封", "为", "年自", "自封", "封为"]
    assert tokens("Internet2与谁合作")[:2] == ["internet2", "与"]
