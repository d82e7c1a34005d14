"""The titles, texts and progress lines a lesson's run stores (in English, as the
worker writes them: it runs without its reader's language), marked for
translation; the run page shows them in the reader's language (``runs.py`` hands
them to the core). The code writes the same sentences with their values filled in."""

from django.utils.translation import gettext_noop

TITLES = (
    gettext_noop("Retrieve curriculum passages"),
    gettext_noop("Outline: title and objectives"),
    gettext_noop("Background: prior knowledge, vocabulary, misconceptions"),
    gettext_noop("Learning cycle %(number)s"),
    gettext_noop("Worksheet"),
    gettext_noop("Quiz"),
    gettext_noop("Text checks: %(part)s"),
    gettext_noop("Regenerate %(section)s"),
    gettext_noop("Checks by code"),
    gettext_noop("Exports: PDF, DOCX, PPTX, zip"),
    # the model calls' steps (model_calls.Fill)
    gettext_noop("Outline"),
    gettext_noop("Background"),
    gettext_noop("Learning cycle: %(objective)s"),
    gettext_noop("Quiz question %(number)s"),
    gettext_noop("Worksheet item %(number)s"),
    # the sections a teacher may regenerate
    gettext_noop("outline"),
    gettext_noop("background"),
    gettext_noop("cycles"),
    gettext_noop("worksheet"),
    gettext_noop("quiz"),
    # a part whose texts were checked (text_checks.Verdicts)
    gettext_noop("Learning cycle"),
    gettext_noop("Cycles"),
)
# the retrieval step (pipeline.py, topic_coverage.py)
RETRIEVED_ON_TOPIC = gettext_noop("%(count)s passages retrieved; on the topic (%(why)s).")
RETRIEVED_OFF_TOPIC = gettext_noop("%(count)s passages retrieved; nothing on the topic (%(why)s).")
NO_PASSAGE = gettext_noop("no passage found")
BEST_COSINE = gettext_noop("best cosine %(score)s, threshold %(threshold)s")
BEST_SHARE = gettext_noop("best share of the topic's words %(score)s, threshold %(threshold)s")
MISSING_WORDS = gettext_noop("no passage has %(words)s")
# why a lesson stops before writing (pipeline.py)
NO_SOURCES = gettext_noop(
    "The corpus “%(corpus)s” has nothing on “%(topic)s”. "
    "You can choose another corpus or topic, or ask for a lesson without citations."
)
# a part's text checks (text_checks.Verdicts.summary)
NOTHING_CHECKED = gettext_noop("%(part)s: no text to check (the model wrote nothing in time).")
ALL_PASSED = gettext_noop("%(part)s: all %(count)s texts passed the checks.")
MODEL_REJECTED = gettext_noop(
    "%(part)s: %(model)s of the model's texts were not used (%(names)s); "
    "code wrote those parts instead."
)
CODE_REJECTED = gettext_noop(
    "%(part)s: %(code)s of code's texts were replaced (%(names)s); code wrote those parts instead."
)
BOTH_REJECTED = gettext_noop(
    "%(part)s: %(model)s of the model's texts were not used and %(code)s of code's texts "
    "were replaced (%(names)s); code wrote those parts instead."
)
# a misconception's correction rejected (plan_writing.py)
CORRECTION_REPEATS = gettext_noop("The correction repeats the misconception word for word.")
TEXTS = (
    gettext_noop("Built %(count)s files and the zip bundle."),
    gettext_noop("Not exported: %(reasons)s"),
    RETRIEVED_ON_TOPIC,
    RETRIEVED_OFF_TOPIC,
    NO_PASSAGE,
    BEST_COSINE,
    BEST_SHARE,
    MISSING_WORDS,
    NO_SOURCES,
    NOTHING_CHECKED,
    ALL_PASSED,
    MODEL_REJECTED,
    CODE_REJECTED,
    BOTH_REJECTED,
    CORRECTION_REPEATS,
)
PROGRESS = (
    gettext_noop("Retrieving curriculum passages"),
    gettext_noop("Writing the outline"),
    gettext_noop("Writing vocabulary and misconceptions"),
    gettext_noop("Writing learning cycle %(number)s of %(count)s"),
    gettext_noop("Writing the worksheet"),
    gettext_noop("Writing the quiz"),
    gettext_noop("Regenerating %(section)s"),
    gettext_noop("Checking the lesson"),
    gettext_noop("Building the downloads"),
    gettext_noop("Lesson ready"),
    gettext_noop("Lesson needs fixing"),
)

# the checks by code (checks.py, written in English by the worker), one by one
CHECK_MESSAGES = (
    gettext_noop("%(n)s item(s) are marked as harder than the grade."),
    gettext_noop("%(n)s item(s) cite passages that were not retrieved or no longer exist."),
    gettext_noop("%(n)s items read as fragments (cut headings, box titles, templates)"),
    gettext_noop(
        "%(n)s of %(checked)s maths answer keys do not match the recomputed value; they are marked."
    ),
    gettext_noop(
        "%(n)s quiz question(s) do not have exactly one correct option among distinct options."
    ),
    gettext_noop("%(n)s quiz question(s) have distractors of uneven length."),
    gettext_noop("A phase has no whole number of minutes."),
    gettext_noop("All %(n)s citations point to passages retrieved for this lesson."),
    gettext_noop("All %(n)s maths answer keys match the recomputed value."),
    gettext_noop(
        "All %(n)s quiz questions have exactly one correct option and no duplicate options."
    ),
    gettext_noop("No item holds a sum, equation, rounding or percentage that code can recompute."),
    gettext_noop(
        "No item reads as a fragment "
        "(fixed rules: cut headings, box titles, templates, stock options)"
    ),
    gettext_noop("Reading level is scored for English only; not scored."),
    gettext_noop("Reads as a fragment: %(why)s"),
    gettext_noop(
        "Student-facing text reads at about grade %(level)s (Flesch-Kincaid) for a grade "
        "%(grade)s class."
    ),
    gettext_noop("The %(n)s phases add up to %(minutes)s minutes."),
    gettext_noop("The lesson does not validate: %(errors)s"),
    gettext_noop("The lesson validates against the lesson schema."),
    gettext_noop("The phases add up to %(total)s minutes, not the lesson's %(minutes)s."),
    gettext_noop(
        "This lesson has no curriculum sources: the teacher asked for it without citations."
    ),
    gettext_noop("a distractor's length is very different from the correct answer's"),
    gettext_noop("answer key may be wrong: worked out by code it is %(value)s"),
    gettext_noop("cites passage %(id)s, which no longer exists in the corpus"),
    gettext_noop("cites passage %(id)s, which was not retrieved for this lesson"),
    gettext_noop("duplicate or empty options"),
    gettext_noop("fewer than two options"),
    gettext_noop("reading level about grade %(level)s, above grade %(grade)s"),
    gettext_noop("the correct answer is not one of the options"),
    gettext_noop("the key states no single number; worked out by code it is %(value)s"),
    gettext_noop("two options have the same value, so more than one is correct"),
    gettext_noop(
        "Student-facing text reads at about grade %(level)s (Flesch-Kincaid) for a grade "
        "%(grade)s class. %(n)s item(s) are marked as harder than the grade."
    ),
)

# the app's own text gates' names (text_gates.py), as the run page labels a failure
CHECK_LABELS = {
    "too_short": gettext_noop("too short"),
    "schema_echo": gettext_noop("repeats the prompt's schema"),
}
