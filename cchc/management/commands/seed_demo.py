"""`python manage.py seed_demo`: the Cao Bằng reference data, figures and demo accounts."""

from django.core.management.base import BaseCommand

from seeds.load import load_all


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Cao Bằng và tài khoản demo (chạy lại nhiều lần không đổi dữ liệu)."

    def handle(self, *args, **options):
        counts = load_all()
        self.stdout.write(
            self.style.SUCCESS("Đã nạp: {units} đơn vị, {periods} kỳ báo cáo, {users} tài khoản demo.".format(**counts))
        )
