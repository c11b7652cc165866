"""`python manage.py seed_demo`: the Cao Bằng reference data, figures and demo accounts.

The demo accounts share the password printed in README.md, so they must never reach a real server: with
DEBUG=0 the command refuses unless `--allow-demo-accounts` is given, and then gives each new account a
random password, printed once.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from seeds.load import load_all


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Cao Bằng và tài khoản demo (chạy lại nhiều lần không đổi dữ liệu)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-accounts",
            action="store_true",
            help="Cho phép tạo tài khoản demo khi DEBUG=0 (máy thử nghiệm); mật khẩu ngẫu nhiên được in ra.",
        )

    def handle(self, *args, **options):
        # SEED_DEMO_ACCOUNTS is DEBUG as the environment set it (settings.py): test runners turn
        # settings.DEBUG off, the environment's choice is what tells a real server.
        production = not settings.SEED_DEMO_ACCOUNTS
        if production and not options["allow_demo_accounts"]:
            raise CommandError(
                "DEBUG=0: không tạo tài khoản demo (mật khẩu chung trong README) trên máy chủ thật. "
                "Nếu đây là máy thử nghiệm, chạy lại với --allow-demo-accounts: mỗi tài khoản mới "
                "sẽ có mật khẩu ngẫu nhiên, in ra một lần."
            )
        passwords: dict[str, str] | None = {} if production else None
        counts = load_all(passwords=passwords)
        self.stdout.write(
            self.style.SUCCESS("Đã nạp: {units} đơn vị, {periods} kỳ báo cáo, {users} tài khoản demo.".format(**counts))
        )
        if passwords:
            self.stdout.write("Mật khẩu ngẫu nhiên của các tài khoản mới (chỉ in một lần, hãy lưu lại):")
            for username, password in passwords.items():
                self.stdout.write(f"  {username}: {password}")
