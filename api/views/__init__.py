"""The API's views, one module per subject; thin: selectors read, services write, serializers lay out."""
