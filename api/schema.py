"""The OpenAPI description of the token authentication (imported by ApiConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "cchc_<prefix>.<secret>",
            "description": "Mã khóa API do quản trị viên cấp (docs/api.md). / An API token issued by an admin.",
        }
