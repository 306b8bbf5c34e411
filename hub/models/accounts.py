from tortoise import fields
from tortoise.models import Model

from hub.enums import Role, Unit, Utility


class User(Model):
    """A person who signs in (API.md "Accounts and sign-in"), never deleted, only disabled."""

    id = fields.UUIDField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    display_name = fields.CharField(max_length=100)
    role = fields.CharEnumField(Role, max_length=16)
    utility = fields.CharEnumField(Utility, max_length=8, null=True)  # utility staff
    unit = fields.CharEnumField(Unit, max_length=16, null=True)  # liaisons
    uscc = fields.CharField(max_length=18, null=True)  # applicants: their enterprise
    disabled = fields.BooleanField(default=False)
    # Argon2id (hub/accounts/passwords.py); null: no password sign-in (single sign-on only).
    password_hash = fields.CharField(max_length=200, null=True)
    last_sign_in_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    sessions: fields.ReverseRelation["UserSession"]

    class Meta:
        table = "hub_user"


class UserSession(Model):
    """A signed-in session: the client holds the secret, the hub only its sha256."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE, db_index=True
    )
    secret_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoke_reason = fields.CharField(max_length=40, null=True)
    address = fields.CharField(max_length=64, null=True)  # the client's, at sign-in

    class Meta:
        table = "user_session"


class ApiKey(Model):
    """A utility portal's key: acts as that utility's staff, the hub keeps only its sha256."""

    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=100)
    utility = fields.CharEnumField(Utility, max_length=8, db_index=True)
    prefix = fields.CharField(max_length=16)  # the secret's first characters, to recognise it
    secret_hash = fields.CharField(max_length=64, unique=True)
    created_by = fields.CharField(max_length=100)
    created_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_key"
