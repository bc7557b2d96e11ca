import fs from "node:fs/promises";
import path from "node:path";
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

/**
 * The archiver's configuration file (`--config`). Relative paths are relative to the file.
 *
 *   { "baseUrl": "http://127.0.0.1:8080", "clientId": "…", "clientSecret": "…",
 *     "membersFile": "members.json", "archiveDir": "archive" }
 *
 * The member tokens live in their own file because they change (members re-authorize)
 * while the rest does not; it is read again at every pass of `--follow`.
 */
const ConfigFile = Type.Object(
  {
    baseUrl: Type.String({ pattern: "^https?://" }),
    clientId: Type.String({ minLength: 1 }),
    clientSecret: Type.String({ minLength: 1 }),
    membersFile: Type.String({ minLength: 1 }),
    archiveDir: Type.String({ minLength: 1 }),
    /** Events per request: 1–50, LinkedIn's limit for this finder. */
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    /** Warn when a member's token expires within this many days (tokens live a year). */
    expiryWarningDays: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** `{"members":[{"member":"urn:li:person:…","accessToken":"…"}]}` */
const MembersList = Type.Object({
  members: Type.Array(
    Type.Object({
      member: Type.String({ pattern: "^urn:li:person:[^\\s/\\\\]+$" }),
      accessToken: Type.String({ minLength: 1 }),
    }),
  ),
});

/** `{"urn:li:person:…": "<token>"}`: the tokens file of a certification run (docs/certify.md). */
const TokensMap = Type.Record(Type.String(), Type.String({ minLength: 1 }));
const MEMBER_URN = /^urn:li:person:[^\s/\\]+$/;

export type MemberToken = Static<typeof MembersList>["members"][number];

export interface ArchiverConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  membersFile: string;
  archiveDir: string;
  pageSize: number;
  expiryWarningDays: number;
  /** JSON-lines file every archived event is also appended to (certification runs). */
  outputFile?: string;
}

export async function loadArchiverConfig(configFile: string): Promise<ArchiverConfig> {
  const file = await readJsonFile(configFile, ConfigFile, "an archiver configuration");
  const base = path.dirname(path.resolve(configFile));
  return {
    baseUrl: file.baseUrl,
    clientId: file.clientId,
    clientSecret: file.clientSecret,
    membersFile: path.resolve(base, file.membersFile),
    archiveDir: path.resolve(base, file.archiveDir),
    pageSize: file.pageSize ?? 50,
    expiryWarningDays: file.expiryWarningDays ?? 30,
  };
}

export async function loadMemberTokens(membersFile: string): Promise<MemberToken[]> {
  // Either form; a file with a `members` key is judged as the list, so its errors name the
  // list's fields rather than "Expected union value".
  const raw = await readJson(membersFile);
  const listed = typeof raw === "object" && raw !== null && "members" in raw;
  const members: MemberToken[] = listed
    ? checkJson(membersFile, MembersList, raw, "a members file").members
    : Object.entries(checkJson(membersFile, TokensMap, raw, "a members file")).map(
        ([member, accessToken]) => ({ member, accessToken }),
      );
  const seen = new Set<string>();
  for (const { member } of members) {
    if (!MEMBER_URN.test(member)) throw new Error(`${membersFile}: ${member} is not a member URN`);
    if (seen.has(member)) throw new Error(`${membersFile}: ${member} is listed twice`);
    seen.add(member);
  }
  return members;
}

async function readJsonFile<T extends TSchema>(
  file: string,
  schema: T,
  what: string,
): Promise<Static<T>> {
  return checkJson(file, schema, await readJson(file), what);
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function checkJson<T extends TSchema>(
  file: string,
  schema: T,
  value: unknown,
  what: string,
): Static<T> {
  if (!Value.Check(schema, value)) {
    const first = [...Value.Errors(schema, value)][0];
    throw new Error(`${file} is not ${what}: ${first?.path || "/"} ${first?.message}`);
  }
  return value;
}
