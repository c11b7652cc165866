"""The shapes the API answers with (and the OpenAPI schema describes), one module per subject."""
