"""Helpers for the bilingual attention course.

    helpers.attention  the math of each step (numpy only)
    helpers.i18n       the glossary, labels and the language switch
    helpers.style      the course's look and the Bengali font
    helpers.plots      the figures (each takes a matplotlib ax)
    helpers.checks     instant feedback on homework answers (check, EXERCISES)
    helpers.grading    the teacher's side: student versions and grading with nbgrader

Importing ``helpers`` is cheap: submodules load when you import them.
"""

__version__ = "0.1.0"
