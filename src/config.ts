import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { DEFAULT_VERSION_MONTH } from "./restli/default-version.js";

/** Every setting Regula reads from the environment, with its default and unit. */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: "PORT" }),
  host: Type.String({ minLength: 1, default: "127.0.0.1", description: "HOST" }),
  databaseUrl: Type.Optional(
    Type.String({ pattern: "^postgres(ql)?://", description: "DATABASE_URL" }),
  ),
  dataDir: Type.String({ minLength: 1, default: "./data", description: "REGULA_DATA_DIR" }),
  adminKey: Type.Optional(Type.String({ minLength: 16, description: "REGULA_ADMIN_KEY" })),
  seedFile: Type.Optional(Type.String({ minLength: 1, description: "REGULA_SEED" })),
  apiVersions: Type.String({
    pattern: "^\\d{6}(,\\d{6})*$",
    default: DEFAULT_VERSION_MONTH,
    description: "REGULA_API_VERSIONS",
  }),
  logLevel: Type.Union(
    [
      Type.Literal("fatal"),
      Type.Literal("error"),
      Type.Literal("warn"),
      Type.Literal("info"),
      Type.Literal("debug"),
      Type.Literal("trace"),
      Type.Literal("silent"),
    ],
    { default: "info", description: "LOG_LEVEL" },
  ),
  eventRetentionDays: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 28,
    description: "REGULA_EVENT_RETENTION_DAYS",
  }),
  /** SQLite only: how much of the database file is read through a memory map. */
  sqliteMmapMb: Type.Integer({
    minimum: 0,
    maximum: 2048,
    default: 2048,
    description: "REGULA_SQLITE_MMAP_MB",
  }),
  /**
   * SQLite only: worker threads that read event pages (0 = on the main thread). Off by
   * default: one worker serves 17–35 % more pages with a third of the p99, but the main
   * thread's heap then grows by about 150 MB under load (docs/benchmarks.md).
   */
  sqlitePageWorkers: Type.Integer({
    minimum: 0,
    maximum: 16,
    default: 0,
    description: "REGULA_SQLITE_PAGE_WORKERS",
  }),
  bodyLimitBytes: Type.Integer({
    minimum: 1024,
    default: 1_048_576,
    description: "REGULA_BODY_LIMIT_BYTES",
  }),
  /** Daily `/rest` call quota per application (UTC day, virtual clock); 0 = off. */
  quotaPerApplicationPerDay: Type.Integer({
    minimum: 0,
    default: 0,
    description: "REGULA_QUOTA_APPLICATION_PER_DAY",
  }),
  /** Daily `/rest` call quota per (member, application); 0 = off. */
  quotaPerMemberPerDay: Type.Integer({
    minimum: 0,
    default: 0,
    description: "REGULA_QUOTA_MEMBER_PER_DAY",
  }),
  /** Time a client has to send all request headers before a 408 and a closed socket. */
  headersTimeoutMs: Type.Integer({
    minimum: 100,
    default: 30_000,
    description: "REGULA_HEADERS_TIMEOUT_MS",
  }),
  /** Time a client has to send a whole request (headers and body). */
  requestTimeoutMs: Type.Integer({
    minimum: 100,
    default: 60_000,
    description: "REGULA_REQUEST_TIMEOUT_MS",
  }),
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: Type.Integer({
    minimum: 100,
    default: 5_000,
    description: "REGULA_KEEP_ALIVE_TIMEOUT_MS",
  }),
  /**
   * Failed authentications (wrong client secret, wrong admin key) allowed per client id and
   * per source address within `authFailureWindowMs`; past it, 429 until the window passes.
   * 0 = off.
   */
  authFailureLimit: Type.Integer({
    minimum: 0,
    default: 30,
    description: "REGULA_AUTH_FAILURE_LIMIT",
  }),
  authFailureWindowMs: Type.Integer({
    minimum: 1,
    default: 60_000,
    description: "REGULA_AUTH_FAILURE_WINDOW_MS",
  }),
  /**
   * TEST ONLY (src/domain/capture/capture-variant.ts): a deliberately broken capture, so the
   * concurrency checker can prove it catches one. Refused unless REGULA_ENABLE_TEST_VARIANTS=1.
   */
  testCaptureVariant: Type.Union([Type.Literal("correct"), Type.Literal("stamp-before-lock")], {
    default: "correct",
    description: "REGULA_TEST_CAPTURE_VARIANT",
  }),
});

export type Config = Static<typeof ConfigSchema>;

const envNames: Record<keyof Config, string> = {
  port: "PORT",
  host: "HOST",
  databaseUrl: "DATABASE_URL",
  dataDir: "REGULA_DATA_DIR",
  adminKey: "REGULA_ADMIN_KEY",
  seedFile: "REGULA_SEED",
  apiVersions: "REGULA_API_VERSIONS",
  logLevel: "LOG_LEVEL",
  eventRetentionDays: "REGULA_EVENT_RETENTION_DAYS",
  sqliteMmapMb: "REGULA_SQLITE_MMAP_MB",
  sqlitePageWorkers: "REGULA_SQLITE_PAGE_WORKERS",
  bodyLimitBytes: "REGULA_BODY_LIMIT_BYTES",
  quotaPerApplicationPerDay: "REGULA_QUOTA_APPLICATION_PER_DAY",
  quotaPerMemberPerDay: "REGULA_QUOTA_MEMBER_PER_DAY",
  headersTimeoutMs: "REGULA_HEADERS_TIMEOUT_MS",
  requestTimeoutMs: "REGULA_REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "REGULA_KEEP_ALIVE_TIMEOUT_MS",
  authFailureLimit: "REGULA_AUTH_FAILURE_LIMIT",
  authFailureWindowMs: "REGULA_AUTH_FAILURE_WINDOW_MS",
  testCaptureVariant: "REGULA_TEST_CAPTURE_VARIANT",
};

/** The flag without which the test-only settings are refused. */
const TEST_VARIANTS_FLAG = "REGULA_ENABLE_TEST_VARIANTS";

const numericKeys = new Set<keyof Config>([
  "port",
  "eventRetentionDays",
  "bodyLimitBytes",
  "sqliteMmapMb",
  "sqlitePageWorkers",
  "quotaPerApplicationPerDay",
  "quotaPerMemberPerDay",
  "headersTimeoutMs",
  "requestTimeoutMs",
  "keepAliveTimeoutMs",
  "authFailureLimit",
  "authFailureWindowMs",
]);

/** Reads the configuration from `env` (the only reader of process.env is main.ts). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  if (env.REGULA_TEST_CAPTURE_VARIANT && env[TEST_VARIANTS_FLAG] !== "1") {
    throw new Error(
      `Invalid configuration:\n  REGULA_TEST_CAPTURE_VARIANT breaks capture ordering on purpose and is for tests only; it needs ${TEST_VARIANTS_FLAG}=1`,
    );
  }
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames) as [keyof Config, string][]) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    raw[key] = numericKeys.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const withDefaults = Value.Default(ConfigSchema, raw);
  if (!Value.Check(ConfigSchema, withDefaults)) {
    const problems = [...Value.Errors(ConfigSchema, withDefaults)].map((e) => {
      const key = e.path.replace(/^\//, "") as keyof Config;
      const name = envNames[key] ?? key;
      // The value as given, so a typo is visible (never the admin key or a database URL, which
      // may carry a password).
      const given =
        key === "adminKey" || key === "databaseUrl" || env[name] === undefined
          ? ""
          : ` (got "${env[name]}")`;
      return `${name}${given}: ${e.message}`;
    });
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return withDefaults as Config;
}
