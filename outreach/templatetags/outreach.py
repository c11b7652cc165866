"""The outreach section's table of counts, read where the section's template shows it."""

from django import template

from outreach import selectors

register = template.Library()


@register.simple_tag
def outreach_counts_table(report):
    """Counts by outlet and kind: from the report's items, else its typed counts (see selectors)."""
    return selectors.counts_table(report=report)
