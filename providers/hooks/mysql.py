"""``MySqlDatabaseHook``: MySQL and MariaDB through PyMySQL (pure Python, no client library)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airflow.sdk import BaseHook

if TYPE_CHECKING:
    from providers.hooks.connection_errors import ConnectionCheck

CONN_TYPE = "aggregator_mysql"
CONN_TYPES = (CONN_TYPE, "mysql")
SSL_MODES = ("disabled", "preferred", "required", "verify_ca", "verify_identity")


def ssl_mode_kwargs(mode: str, ca_file: str | None = None) -> dict[str, Any]:
    """PyMySQL arguments for a MySQL client ``--ssl-mode`` (``preferred`` is PyMySQL's default).

    :param mode: One of ``disabled``, ``preferred``, ``required``, ``verify_ca``, ``verify_identity``.
    :param ca_file: CA certificate file for the ``verify_*`` modes (else the system CAs).
    """
    mode = mode.strip().lower()
    if mode not in SSL_MODES:
        raise ValueError(f"ssl_mode {mode!r} is not one of {', '.join(SSL_MODES)}")
    if mode == "disabled":
        return {"ssl_disabled": True}
    if mode == "preferred":
        return {}
    if mode == "required":
        return {"ssl": {"verify_mode": "none", "check_hostname": False}}
    ssl: dict[str, Any] = {"verify_mode": "required", "check_hostname": mode == "verify_identity"}
    if ca_file:
        ssl["ca"] = ca_file
    return {"ssl": ssl}


class MySqlDatabaseHook(BaseHook):
    """Opens PyMySQL connections from an Airflow connection of type ``aggregator_mysql`` or ``mysql``.

    :param mysql_conn_id: The Airflow connection id. Host, port (3306), login, password and
        schema (the database) are used; ``extra`` may hold ``charset``, ``connect_timeout``,
        ``ssl`` (a dict passed to PyMySQL) or ``ssl_mode`` (with ``ssl_ca``, see
        :func:`ssl_mode_kwargs`), and ``local_infile`` (``false`` turns bulk loads off).
    :param local_infile: Allow ``LOAD DATA LOCAL INFILE`` on this connection. Off unless asked
        for (``sink.sql`` asks): the client sends whatever file the server requests, so a
        connection that only reads never offers it.
    """

    conn_name_attr = "mysql_conn_id"
    default_conn_name = "mysql_default"
    conn_type = CONN_TYPE
    hook_name = "MySQL / MariaDB (Aggregator)"

    def __init__(
        self, mysql_conn_id: str = default_conn_name, *, local_infile: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.mysql_conn_id = mysql_conn_id
        self.local_infile = local_infile

    def connect_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``pymysql.connect``."""
        conn = self.get_connection(self.mysql_conn_id)
        extra = conn.extra_dejson
        kwargs: dict[str, Any] = {
            "host": conn.host or "localhost",
            "port": int(conn.port or 3306),
            "user": conn.login or "",
            "password": conn.password or "",
            "database": conn.schema or None,
            "charset": extra.get("charset", "utf8mb4"),
            "connect_timeout": int(extra.get("connect_timeout", 10)),
            "autocommit": False,
            "local_infile": self.local_infile and _flag(extra.get("local_infile", True)),
        }
        if extra.get("ssl"):
            kwargs["ssl"] = extra["ssl"]
        elif extra.get("ssl_mode"):
            kwargs.update(ssl_mode_kwargs(str(extra["ssl_mode"]), extra.get("ssl_ca")))
        return kwargs

    def get_conn(self) -> Any:
        """A new PyMySQL connection with autocommit off."""
        import pymysql

        return pymysql.connect(**self.connect_kwargs())

    def test_connection(self) -> tuple[bool, str]:
        """Connect and run ``SELECT 1``: ``(True, server version)`` or ``(False, <precise reason>)``."""
        return self.check().as_tuple()

    def check(self) -> ConnectionCheck:
        """Connect and run ``SELECT 1``; a failure carries its classified reason."""
        from providers.hooks.connection_errors import Endpoint, probe

        kwargs = self.connect_kwargs()
        endpoint = Endpoint(
            host=kwargs["host"],
            port=kwargs["port"],
            timeout=kwargs["connect_timeout"],
            database=kwargs["database"],
            user=kwargs["user"],
        )

        def attempt() -> str:
            import pymysql

            # connect_timeout bounds only the TCP connect; a server that accepts and stays
            # silent would hang the handshake, so the test also bounds reads.
            conn = pymysql.connect(**kwargs, read_timeout=kwargs["connect_timeout"])
            try:
                with conn.cursor() as cursor:
                    cursor.execute("SELECT 1")
                return f"connected to {conn.get_server_info()} at {endpoint.address}"
            finally:
                conn.close()

        return probe(attempt, endpoint)


def _flag(value: Any) -> bool:
    """A boolean extra that may arrive as text (``"false"``, ``"0"``, ``"no"``)."""
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "off", "")
    return bool(value)
