import type { Kysely, Selectable } from "kysely";
import type { AccessToken, AuthType } from "../../domain/records.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type { TokenStore } from "../store.js";
import { toApplication } from "./application-repo.js";
import { toMember } from "./member-repo.js";
import { preparedQuery, type Reader } from "./reader.js";

const APPLICATION_COLUMNS = [
  "id",
  "name",
  "client_id",
  "client_secret_hash",
  "redirect_uris",
  "permissions",
  "refresh_tokens_enabled_at",
  "client_credentials_enabled_at",
  "created_at",
] as const;
const MEMBER_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "sales_identity_id",
  "created_at",
] as const;

/**
 * The token with its application and member in one statement: on every `/rest` call this
 * is one round trip to PostgreSQL instead of three. Columns of the joined rows are prefixed.
 */
function bearerSql(dialect: DialectName): string {
  const joined = [
    ...APPLICATION_COLUMNS.map((c) => `a.${c} AS a_${c}`),
    ...MEMBER_COLUMNS.map((c) => `m.${c} AS m_${c}`),
  ].join(", ");
  return `SELECT t.*, ${joined} FROM access_tokens t
    LEFT JOIN applications a ON a.id = t.application_id
    LEFT JOIN members m ON m.id = t.member_id
    WHERE t.token_hash = ${dialect === "postgres" ? "$1" : "?"}`;
}

function unprefixed<T>(
  row: Record<string, unknown>,
  prefix: string,
  columns: readonly string[],
): T {
  return Object.fromEntries(columns.map((c) => [c, row[prefix + c]])) as T;
}

type Row = Selectable<Database["access_tokens"]>;

function toToken(row: Row): AccessToken {
  return {
    tokenHash: row.token_hash,
    applicationId: String(row.application_id),
    memberId: row.member_id,
    authType: row.auth_type as AuthType,
    scopes: JSON.parse(row.scopes) as string[],
    authorizedAt: Number(row.authorized_at),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    refreshTokenHash: row.refresh_token_hash,
    refreshExpiresAt: row.refresh_expires_at === null ? null : Number(row.refresh_expires_at),
    sourceCodeHash: row.source_code_hash,
  };
}

export function createTokenRepo(
  db: Kysely<Database>,
  dialect: DialectName,
  read: Reader,
): TokenStore {
  const text = bearerSql(dialect);
  const findByHash = preparedQuery(
    read,
    db.selectFrom("access_tokens").selectAll().where("token_hash", "=", "").compile(),
  );
  return {
    async insert(token) {
      await db
        .insertInto("access_tokens")
        .values({
          token_hash: token.tokenHash,
          application_id: Number(token.applicationId),
          member_id: token.memberId,
          auth_type: token.authType,
          scopes: JSON.stringify(token.scopes),
          authorized_at: token.authorizedAt,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked_at: token.revokedAt,
          refresh_token_hash: token.refreshTokenHash,
          refresh_expires_at: token.refreshExpiresAt,
          source_code_hash: token.sourceCodeHash ?? null,
        })
        .execute();
    },
    async findByHash(tokenHash) {
      const [row] = await findByHash([tokenHash]);
      return row ? toToken(row) : null;
    },
    async findBearer(tokenHash) {
      const [row] = (await read((rows) => rows(text, [tokenHash]))) as Array<
        Row & Record<string, unknown>
      >;
      if (!row) return null;
      return {
        token: toToken(row),
        application:
          row.a_id === null ? null : toApplication(unprefixed(row, "a_", APPLICATION_COLUMNS)),
        member: row.m_id === null ? null : toMember(unprefixed(row, "m_", MEMBER_COLUMNS)),
      };
    },
    async findByRefreshHash(refreshTokenHash) {
      const row = await db
        .selectFrom("access_tokens")
        .selectAll()
        .where("refresh_token_hash", "=", refreshTokenHash)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async revoke(tokenHash, atMs) {
      await db
        .updateTable("access_tokens")
        .set({ revoked_at: atMs })
        .where("token_hash", "=", tokenHash)
        .where("revoked_at", "is", null)
        .execute();
    },
    async revokeForMember(applicationId, memberId, atMs) {
      const result = await db
        .updateTable("access_tokens")
        .set({ revoked_at: atMs })
        .where("application_id", "=", Number(applicationId))
        .where("member_id", "=", memberId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async revokeIssuedFromCode(codeHash, atMs) {
      const result = await db
        .updateTable("access_tokens")
        .set({ revoked_at: atMs })
        .where("source_code_hash", "=", codeHash)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async list() {
      const rows = await db.selectFrom("access_tokens").selectAll().orderBy("created_at").execute();
      return rows.map(toToken);
    },
  };
}
