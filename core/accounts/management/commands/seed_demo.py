"""Create the demo users, one per role, and print their logins.

Passwords are random per install, kept in var/demo-logins.json so that a second
`make run` prints the same ones.
"""

import json
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from core.accounts.roles import Role
from core.accounts.services import create_user_with_role

DEMO_USERS = {
    "farmer": Role.FARMER,
    "teacher": Role.TEACHER,
    "engineer": Role.ENGINEER,
    "corpusadmin": Role.CORPUS_ADMIN,
}


class Command(BaseCommand):
    help = "Create demo users farmer, teacher, engineer and corpusadmin."

    def handle(self, *args, **options):
        path = settings.VAR_DIR / "demo-logins.json"
        logins = json.loads(path.read_text()) if path.exists() else {}
        for username, role in DEMO_USERS.items():
            password = logins.get(username) or f"{username}-{secrets.token_hex(4)}"
            logins[username] = password
            create_user_with_role(username, password, role)
        path.write_text(json.dumps(logins, indent=1))
        path.chmod(0o600)
        for username, password in logins.items():
            if username in DEMO_USERS:
                self.stdout.write(f"login: {username} / {password}")
