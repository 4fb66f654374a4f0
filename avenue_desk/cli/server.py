"""``avenue-desk server init`` and ``avenue-desk server migrate``: a trust's PostgreSQL set up
for Avenue Desk (README.md, "For a trust: one server").

``init`` prints the SQL that makes the database, its owner and the application role (or,
with ``--run URL``, runs it there as that superuser) and the two URLs to keep; ``migrate``
brings the database given by ``--database-url`` (the owner's URL) to this version's tables.
Neither signs in: there are no accounts yet when they are needed.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys

from avenue_desk.paths import AppPaths

OWNER_PASSWORD_ENV = "AVENUE_DESK_OWNER_PASSWORD"
APP_PASSWORD_ENV = "AVENUE_DESK_APP_PASSWORD"


def add_server_parser(subparsers) -> None:
    server = subparsers.add_parser(
        "server", help="a trust's PostgreSQL server: set up its database and roles, run "
        "the migrations")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", help="print the SQL that makes the database, its owner and the application "
        f"role (passwords from {OWNER_PASSWORD_ENV} and {APP_PASSWORD_ENV}, or made up), "
        "or run it with --run")
    init.add_argument("--database", default="avenue", help="the database (default avenue)")
    init.add_argument("--owner", default="avenue_owner",
                      help="the role that owns the tables and runs the migrations "
                      "(default avenue_owner)")
    init.add_argument("--app", default="avenue_app",
                      help="the role every PC connects as, which cannot change the tables "
                      "(default avenue_app)")
    init.add_argument("--host", help="the server's name as the PCs reach it, for the URLs "
                      "(default: this computer's name, or --run's host)")
    init.add_argument("--port", type=int, help="the server's port, for the URLs")
    init.add_argument("--run", metavar="SUPERUSER_URL",
                      help="run the SQL on the server now, connected as this superuser")
    actions.add_parser(
        "migrate", help="bring the database in --database-url (the owner's URL) up to this "
        "version of Avenue Desk")


def run_server(args: argparse.Namespace, paths: AppPaths) -> int:
    return {"init": _init, "migrate": _migrate}[args.server_command](args, paths)


def _init(args, paths: AppPaths) -> int:
    from avenue_desk.services.core.server_roles import ServerSetUp, new_password, run_set_up

    set_up = ServerSetUp(args.database, args.owner,
                         os.environ.get(OWNER_PASSWORD_ENV) or new_password(),
                         args.app, os.environ.get(APP_PASSWORD_ENV) or new_password())
    if args.run is None:
        owner_url, app_url = set_up.urls(args.host or socket.gethostname(), args.port)
        sys.stdout.write(set_up.script(owner_url, app_url))
        return 0
    owner_url, app_url = set_up.urls_beside(args.run, args.host, args.port)
    run_set_up(args.run, set_up)
    print(f"Made the database {set_up.database}, its owner {set_up.owner} and the "
          f"application role {set_up.app}. Keep these two URLs somewhere safe (they hold "
          "the passwords, shown only this once):")
    print(f"    owner (migrations only): {owner_url}")
    print(f"    application (every PC):  {app_url}")
    print(f"Next: avenue-desk --database-url \"{owner_url}\" server migrate")
    return 0


def _migrate(args, paths: AppPaths) -> int:
    from avenue_desk.services.core.database import open_database
    from avenue_desk.services.core.database_server import server_name
    from avenue_desk.services.core.errors import ServiceError

    database = open_database(paths)
    try:
        if database.damaged:
            raise ServiceError(database.notices[0].split("\n\n")[0])
        where = (str(paths.database_file) if paths.uses_sqlite_file
                 else server_name(database.engine.url))
        migration = database.migration
    finally:
        database.close()
    if migration.from_revision == migration.to_revision:
        print(f"The database at {where} is up to date (revision {migration.to_revision}).")
    else:
        print(f"Updated the database at {where} from revision "
              f"{migration.from_revision or '(none: new)'} to {migration.to_revision}.")
    return 0
