import { CONNECTION_HELP } from "./control-options.js";

export const MAIN_HELP = `regula: a self-hostable, LinkedIn-compatible Compliance API with a sandbox

Usage:
  regula <command> [options]        regula <command> --help for each command's options

Server:
  serve      start the server (the default command): the LinkedIn-compatible API, the
             control plane (/sandbox), the web console (/console/), /metrics, /healthz

Clients of a running server's control plane (admin key):
  token      print a member's access token          regula token ada-lovelace
  message    send a message                         regula message --from ada-lovelace --to grace-hopper --text hi
  clock      show, advance, set, freeze, unfreeze   regula clock advance 29d
  reset      replace the world (start-up seed or a file)   regula reset --seed world.json
  export     the whole world as JSON                regula export > world.json
  faults     add, list, remove, clear faults        regula faults add --path /rest/complianceEvents --status 503

Clients of the public API:
  archive    the reference archiver: run, verify, export-eml, export-rsmf, produce
  certify    run an archiver through hostile scenarios and report what it missed

Examples:
  npx regula serve                                  # http://127.0.0.1:8080, SQLite in ./data
  PORT=9000 REGULA_DATA_DIR=/tmp/regula npx regula serve
  npx regula clock advance 29d --base-url http://127.0.0.1:9000 --data-dir /tmp/regula

${CONNECTION_HELP}`;

export const SERVE_HELP = `regula serve: start the server

Usage:
  regula serve [--port N] [--host H] [--data-dir DIR] [--seed FILE] [--database-url URL]

  Each flag overrides the environment variable of the same setting:
  --port          PORT (default 8080; 0 picks a free port)
  --host          HOST (default 127.0.0.1)
  --data-dir      REGULA_DATA_DIR (default ./data): the SQLite file and the admin key
  --seed          REGULA_SEED: the world an empty store starts with (default: the demo world)
  --database-url  DATABASE_URL: postgres://… to use PostgreSQL instead of SQLite
  Other settings (LOG_LEVEL, REGULA_API_VERSIONS, REGULA_EVENT_RETENTION_DAYS, quotas,
  timeouts) are read from the environment only: see the README's Configuration table.

  The server answers the LinkedIn-compatible API (/oauth, /rest, /v2), the control plane
  (/sandbox, admin key), the web console (/console/), /metrics (Prometheus), /healthz
  (process up) and /readyz (store reachable). SIGINT/SIGTERM drain requests, then stop.

Examples:
  regula serve
  regula serve --port 0 --data-dir "$(mktemp -d)"
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/regula regula serve
`;
