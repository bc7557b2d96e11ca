import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { CALLBACK, COMPLIANCE, formBody, postOAuthForm } from "../helpers/oauth-flow.js";
import { authorizeInPages, injectTransport, redirectParams } from "../helpers/page-flow.js";
import { type StoreTarget, storeTargets } from "../helpers/store-targets.js";

type Location = { databaseUrl?: string; dataDir: string };

/** Every row of every table, as JSON text, read straight from the database (not through the store). */
async function dumpDatabase(location: Location): Promise<string> {
  if (location.databaseUrl) {
    const client = new pg.Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      const dumps: string[] = [];
      for (const { table_name } of tables.rows) {
        const rows = await client.query(`select * from "${table_name}"`);
        dumps.push(`${table_name}: ${JSON.stringify(rows.rows)}`);
      }
      return dumps.join("\n");
    } finally {
      await client.end();
    }
  }
  const file = path.join(location.dataDir, "regula.sqlite");
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table'")
      .all() as Array<{ name: string }>;
    const rows = tables.map(
      ({ name }) => `${name}: ${JSON.stringify(db.prepare(`select * from "${name}"`).all())}`,
    );
    // The raw bytes too: a value in a free page or the WAL would not show in a select.
    const raw = ["", "-wal", "-shm"]
      .map((suffix) => `${file}${suffix}`)
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString("latin1"));
    return [...rows, ...raw].join("\n");
  } finally {
    db.close();
  }
}

describe.each(storeTargets)("no credential in clear at rest or in the logs on $name", (target) => {
  let h: Harness;
  let location: Location;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    const capturing: StoreTarget = {
      name: target.name,
      async create() {
        const created = await target.create();
        location = created.location;
        return created;
      },
    };
    h = await startHarness(capturing);
    secrets.set("admin key", TEST_ADMIN_KEY);
    await runFullFlow();
  });
  afterAll(async () => h.close());

  const keep = (label: string, value: unknown): string => {
    expect(typeof value, label).toBe("string");
    secrets.set(label, value as string);
    return value as string;
  };
  const admin = (method: "GET" | "POST", url: string, payload?: object) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: h.admin.authorization },
      ...(payload === undefined ? {} : { payload }),
    });

  /** Everything that handles a credential: control plane, pages, every grant, introspection, revocation, the API. */
  async function runFullFlow(): Promise<void> {
    const app = (
      await admin("POST", "/sandbox/applications", {
        name: "Secret Keeper",
        redirectUris: [CALLBACK],
        permissions: [COMPLIANCE, "r_liteprofile"],
        refreshTokens: true,
      })
    ).json();
    const clientSecret = keep("client secret", app.clientSecret);
    const member = (
      await admin("POST", "/sandbox/members", { firstName: "Ada", lastName: "Lovelace" })
    ).json();
    const credentials = { client_id: app.clientId, client_secret: clientSecret };

    const authorizationPath =
      `/oauth/v2/authorization?response_type=code&client_id=${app.clientId}` +
      `&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=${COMPLIANCE}&state=s`;
    const consent = await authorizeInPages(injectTransport(h.app), {
      authorizationPath,
      memberId: member.id,
    });
    keep("session id", consent.sessionCookie.split("=")[1]);
    const code = keep("authorization code", redirectParams(consent.location).code);
    // A client that puts credentials in the query string: the request log must not keep them.
    const exchanged = await h.app.inject({
      method: "POST",
      url: `/oauth/v2/accessToken?code=${code}&client_secret=${clientSecret}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formBody({
        grant_type: "authorization_code",
        code,
        redirect_uri: CALLBACK,
        ...credentials,
      }),
    });
    const accessToken = keep("compliance access token", exchanged.json().access_token);

    const liteCode = await admin("POST", `/sandbox/members/${member.id}/authorization-codes`, {
      application: app.id,
      redirectUri: CALLBACK,
      scopes: ["r_liteprofile"],
    });
    const lite = (
      await postOAuthForm(h, "accessToken", {
        grant_type: "authorization_code",
        code: keep("control-plane code", liteCode.json().code),
        redirect_uri: CALLBACK,
        ...credentials,
      })
    ).json();
    keep("lite access token", lite.access_token);
    const refreshed = (
      await postOAuthForm(h, "accessToken", {
        grant_type: "refresh_token",
        refresh_token: keep("refresh token", lite.refresh_token),
        ...credentials,
      })
    ).json();
    keep("rotated refresh token", refreshed.refresh_token);
    keep("refreshed access token", refreshed.access_token);
    const appToken = keep(
      "application token",
      (
        await postOAuthForm(h, "accessToken", { grant_type: "client_credentials", ...credentials })
      ).json().access_token,
    );
    const shortcut = await admin("POST", `/sandbox/members/${member.id}/tokens`, {
      application: app.id,
      scopes: [COMPLIANCE],
    });
    keep("control-plane token", shortcut.json().access_token);

    await postOAuthForm(h, "introspectToken", { ...credentials, token: accessToken });
    await postOAuthForm(h, "revoke", { ...credentials, token: refreshed.access_token });
    const rest = { "linkedin-version": "202310", "content-type": "application/json" };
    await h.app.inject({
      method: "POST",
      url: "/rest/memberComplianceAuthorizations",
      headers: { ...rest, authorization: `Bearer ${accessToken}` },
      payload: "{}",
    });
    await h.app.inject({
      method: "GET",
      url: `/rest/memberComplianceAuthorizations?oauth2_access_token=${accessToken}`,
      headers: rest,
    });
    await h.app.inject({
      method: "GET",
      url: "/rest/memberComplianceAuthorizations?q=member",
      headers: { ...rest, authorization: `Bearer ${appToken}` },
    });
    await h.app.inject({
      method: "GET",
      url: "/psettings/permitted-services",
      headers: { cookie: consent.sessionCookie },
    });
  }

  it("collected every credential of the flow", () => {
    expect(secrets.size).toBeGreaterThanOrEqual(11);
    for (const [label, value] of secrets) expect(value.length, label).toBeGreaterThanOrEqual(20);
  });

  it("no table holds a token, code, session id, client secret or admin key in clear", async () => {
    const dump = await dumpDatabase(location);
    expect(dump.length).toBeGreaterThan(1000);
    for (const [label, value] of secrets)
      expect(dump.includes(value), `${label} found in the database`).toBe(false);
  });

  it("the store port hands out hashes only", async () => {
    const everything = JSON.stringify({
      tokens: await h.services.store.tokens.list(),
      applications: await h.services.store.applications.list(),
      authorizations: await h.services.store.authorizations.list(),
    });
    for (const [label, value] of secrets)
      expect(everything.includes(value), `${label} in the store`).toBe(false);
  });

  it("no log line and no journal entry holds one", async () => {
    const journal = await admin("GET", "/sandbox/requests?limit=1000");
    expect(journal.statusCode).toBe(200);
    expect(journal.body).toContain("/oauth/v2/accessToken");
    const logs = h.logs.join("\n");
    expect(logs).toContain("/oauth/v2/accessToken?code=REDACTED&client_secret=REDACTED");
    for (const [label, value] of secrets) {
      expect(logs.includes(value), `${label} found in the logs`).toBe(false);
      expect(journal.body.includes(value), `${label} found in the journal`).toBe(false);
    }
  });
});
