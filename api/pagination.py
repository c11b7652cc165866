"""Pages of lists: ?page=2&page_size=500 (at most 1000); every list view orders by a unique key."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
