"""The composers' own lines, in plain words, in each language they are given in
(English, Hindi, Bengali, Chinese). Hindi avoids the first person, whose verbs
carry a gender; every line says what was done, not what the reader must do."""

from __future__ import annotations

LINES: dict[str, dict[str, str]] = {
    # The answer when nothing retrieved is close enough to the question.
    "not_covered": {
        "en": "The sources do not cover this question, so I will not guess an answer.",
        "hi": "स्रोतों में इस प्रश्न का उत्तर नहीं है, इसलिए अनुमान से कोई उत्तर नहीं दिया गया है।",
        "bn": "উৎসগুলিতে এই প্রশ্নের উত্তর নেই, তাই অনুমান করে কোনো উত্তর দেওয়া হয়নি।",
        "zh": "这些资料没有涉及这个问题，因此不凭猜测作答。",
    },
    # The answer when the topic is in the sources but the answer is not.
    "not_said": {
        "en": (
            "The sources talk about this but do not say the answer, so I will not guess. "
            "The closest passage:"
        ),
        "hi": (
            "स्रोत इस विषय की बात करते हैं पर इसका उत्तर नहीं देते, "
            "इसलिए अनुमान से उत्तर नहीं दिया गया। सबसे निकट का अंश:"
        ),
        "bn": (
            "উৎসগুলিতে এই বিষয়ের কথা আছে কিন্তু উত্তরটি নেই, "
            "তাই অনুমান করে উত্তর দেওয়া হয়নি। সবচেয়ে কাছের অংশ:"
        ),
        "zh": "这些资料谈到了这个话题，但没有给出答案，因此不凭猜测作答。最接近的段落：",
    },
    # Why: the topic is there, no sentence answers what was asked.
    "not_answered": {
        "en": "The passages found are on this topic, but none says what was asked.",
        "hi": "मिले हुए अंश इसी विषय पर हैं, पर किसी में वह नहीं है जो पूछा गया।",
        "bn": "খুঁজে পাওয়া অংশগুলি এই বিষয়েই, কিন্তু কোনোটিতে যা জিজ্ঞাসা করা হয়েছে তা নেই।",
        "zh": "找到的段落与这个话题有关，但没有一段说出所问的内容。",
    },
    # Why: no passage at all.
    "no_passages": {
        "en": "No passages were found to quote.",
        "hi": "उद्धृत करने के लिए कोई अंश नहीं मिला।",
        "bn": "উদ্ধৃত করার মতো কোনো অংশ পাওয়া যায়নি।",
        "zh": "没有找到可以引用的段落。",
    },
    # Why: passages found, none close enough (or none with a quotable sentence).
    "not_close": {
        "en": "No passage found was close enough to the question to quote.",
        "hi": "मिले हुए अंशों में से कोई भी इस प्रश्न से इतना मेल नहीं खाता कि उसे उद्धृत किया जाए।",
        "bn": "খুঁজে পাওয়া কোনো অংশই এই প্রশ্নের সঙ্গে এতটা মেলেনি যে তা উদ্ধৃত করা যায়।",
        "zh": "找到的段落与这个问题都不够相关，无法引用。",
    },
    # The answer when the question is in another script than the sources and the
    # embedder that searched them reads one language only.
    "other_script": {
        "en": (
            "The sources are written in another language, and a question in this language "
            "cannot be matched to them, so no answer was chosen."
        ),
        "hi": (
            "स्रोत किसी दूसरी भाषा में लिखे हैं, और इस भाषा के प्रश्न का उनसे मिलान नहीं हो सकता, "
            "इसलिए कोई उत्तर नहीं चुना गया।"
        ),
        "bn": (
            "উৎসগুলি অন্য ভাষায় লেখা, এবং এই ভাষার প্রশ্নের সঙ্গে সেগুলি মেলানো যায় না, "
            "তাই কোনো উত্তর বেছে নেওয়া হয়নি।"
        ),
        "zh": "资料是用另一种语言写的，无法与用这种语言提出的问题对应，因此没有选出答案。",
    },
    # Why, under it.
    "other_script_why": {
        "en": "These sources can only be searched in their own language.",
        "hi": "इन स्रोतों में केवल उन्हीं की भाषा में खोजा जा सकता है।",
        "bn": "এই উৎসগুলিতে শুধু তাদের নিজের ভাষাতেই খোঁজা যায়।",
        "zh": "这些资料只能用它们自己的语言检索。",
    },
    # The note under a composed answer.
    "quoted": {
        "en": (
            "Quoted from the sources as they are, not written by the model; "
            "the number after each sentence is its source."
        ),
        "hi": (
            "ये वाक्य स्रोतों से ज्यों-के-त्यों लिए गए हैं, मॉडल ने नहीं लिखे; "
            "हर वाक्य के बाद की संख्या उसका स्रोत बताती है।"
        ),
        "bn": ("এই বাক্যগুলি উৎস থেকে হুবহু নেওয়া, মডেল লেখেনি; প্রতিটি বাক্যের পরের সংখ্যাটি তার উৎস।"),
        "zh": "以下句子原样引自资料，不是模型写的；每句后面的数字是它的出处。",
    },
    # The note when the question is in another language than the sources.
    "other_language": {
        "en": (
            "The sources are in another language, so these sentences are quoted from them "
            "as they are, untranslated; the number after each sentence is its source."
        ),
        "hi": (
            "स्रोत किसी दूसरी भाषा में हैं, इसलिए ये वाक्य उनसे बिना अनुवाद के, ज्यों-के-त्यों "
            "उद्धृत हैं; हर वाक्य के बाद की संख्या उसका स्रोत बताती है।"
        ),
        "bn": (
            "উৎসগুলি অন্য ভাষায় লেখা, তাই বাক্যগুলি অনুবাদ না করে হুবহু উদ্ধৃত করা হয়েছে; "
            "প্রতিটি বাক্যের পরের সংখ্যাটি তার উৎস।"
        ),
        "zh": (
            "资料是用另一种语言写的，因此以下句子按原文引用，未经翻译；每句后面的数字是它的出处。"
        ),
    },
    # The same, as the lead-in to the quotes inside the answer itself.
    "other_language_lead": {
        "en": (
            "The sources are in another language, so their sentences are quoted here as they "
            "are, untranslated:"
        ),
        "hi": ("स्रोत किसी दूसरी भाषा में हैं, इसलिए उनके वाक्य यहाँ बिना अनुवाद के, ज्यों-के-त्यों उद्धृत हैं:"),
        "bn": ("উৎসগুলি অন্য ভাষায় লেখা, তাই সেগুলির বাক্য এখানে অনুবাদ না করে হুবহু উদ্ধৃত করা হলো:"),
        "zh": "资料是用另一种语言写的，因此这里按原文引用其中的句子，未经翻译：",
    },
}


def line(key: str, language: str) -> str:
    """Line ``key`` in ``language``, or in English when it has no translation."""
    lines = LINES[key]
    return lines.get(language, lines["en"])
