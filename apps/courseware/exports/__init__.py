"""Exports of a lesson: PPTX slides, DOCX and PDF documents, and the zip bundle.

Every field is written as plain text (never interpreted as HTML or markup), so
a ``<script>`` typed into a field prints as those characters."""
