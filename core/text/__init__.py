"""Text helpers that neither call a model nor record steps: Markdown rendered safe
for a page (``markdown``) and the script and language of a text (``languages``)."""
