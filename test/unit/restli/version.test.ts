import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { parseActiveVersions, parseApiVersion } from "../../../src/restli/version.js";

const ACTIVE = new Set(["202310"]);

function versionError(header: string | undefined, active: ReadonlySet<string> = ACTIVE): AppError {
  try {
    parseApiVersion(header, active);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`threw a non-AppError: ${String(error)}`);
  }
  throw new Error(`accepted ${String(header)}`);
}

describe("parseApiVersion", () => {
  it.each(["202310", "202310.01", "202310.99", "20231001", "20231015", "20231031"])(
    "reads %s as the month 202310",
    (header) => {
      expect(parseApiVersion(header, ACTIVE)).toEqual({ month: "202310", monthDate: "20231001" });
    },
  );

  it("tolerates surrounding whitespace", () => {
    expect(parseApiVersion(" 202310 ", ACTIVE).month).toBe("202310");
  });

  it.each([undefined, "", "   "])(
    "answers a missing or empty header (%j) with LinkedIn's VERSION_MISSING",
    (header) => {
      const error = versionError(header);
      expect(error.code).toBe("VERSION_MISSING");
      expect(error.status).toBe(400);
      expect(error.message).toBe(
        "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
      );
    },
  );

  it.each([
    "2023-10",
    "202313",
    "202300",
    "20231000",
    "20231032",
    "202310.1",
    "202310.001",
    "202310.",
    "2023101",
    "v202310",
    "202310 01",
    "202310,202311",
    "２０２３１０",
    "latest",
  ])("answers the malformed version %j with 400 VERSION_MALFORMED", (header) => {
    const error = versionError(header);
    expect(error.code).toBe("VERSION_MALFORMED");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/YYYYMM, YYYYMM\.RR or YYYYMMDD/);
  });

  it("answers a well-formed inactive month with LinkedIn's 426 message, month printed as YYYYMM01", () => {
    for (const header of ["202001", "20200115", "202001.02"]) {
      const error = versionError(header);
      expect(error.code).toBe("NONEXISTENT_VERSION");
      expect(error.status).toBe(426);
      expect(error.message).toBe("Requested version 20200101 is not active");
    }
  });

  it("keeps a huge malformed header out of the message", () => {
    expect(versionError("x".repeat(10_000)).message.length).toBeLessThan(200);
  });
});

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const year = fc.integer({ min: 0, max: 9999 }).map((y) => pad(y, 4));
const month = fc.integer({ min: 1, max: 12 }).map((m) => pad(m, 2));
const validVersion = fc
  .tuple(
    year,
    month,
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(([y, m, form, revision, day]) => {
    const header =
      form === 0
        ? `${y}${m}`
        : form === 1
          ? `${y}${m}.${pad(revision, 2)}`
          : `${y}${m}${pad(day, 2)}`;
    return { header, month: `${y}${m}` };
  });

/** An oracle written apart from the parser: the shape rules of the contract, by hand. */
function expectedOutcome(header: string): "missing" | "malformed" | { month: string } {
  const value = header.trim();
  if (value === "") return "missing";
  const digits = (s: string) => s.length > 0 && [...s].every((c) => c >= "0" && c <= "9");
  const head = value.slice(0, 6);
  const rest = value.slice(6);
  if (head.length !== 6 || !digits(head)) return "malformed";
  const m = Number(head.slice(4));
  if (m < 1 || m > 12) return "malformed";
  if (rest === "") return { month: head };
  if (rest.length === 3 && rest[0] === "." && digits(rest.slice(1))) return { month: head };
  if (rest.length === 2 && digits(rest) && Number(rest) >= 1 && Number(rest) <= 31)
    return { month: head };
  return "malformed";
}

describe("parseApiVersion properties", () => {
  it("accepts every valid YYYYMM, YYYYMM.RR and YYYYMMDD when its month is active", () => {
    fc.assert(
      fc.property(validVersion, ({ header, month }) => {
        expect(parseApiVersion(header, new Set([month]))).toEqual({
          month,
          monthDate: `${month}01`,
        });
      }),
    );
  });

  it("rejects every valid version whose month is not active with NONEXISTENT_VERSION", () => {
    fc.assert(
      fc.property(validVersion, ({ header, month }) => {
        const otherMonth = month === "202310" ? "202311" : "202310";
        const error = versionError(header, new Set([otherMonth]));
        expect(error.code).toBe("NONEXISTENT_VERSION");
        expect(error.message).toBe(`Requested version ${month}01 is not active`);
      }),
    );
  });

  const digitsOrDot = fc.string({ unit: fc.constantFrom(..."0123456789."), maxLength: 10 });
  const anyHeader = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    digitsOrDot,
    digitsOrDot.map((s) => ` ${s}`),
  );

  it("for any header returns the oracle's month or throws the oracle's AppError, never anything else", () => {
    fc.assert(
      fc.property(anyHeader, fc.boolean(), (header, activeIsMonth) => {
        const expected = expectedOutcome(header);
        const active = new Set(
          activeIsMonth && typeof expected === "object" ? [expected.month] : [],
        );
        let result: ReturnType<typeof parseApiVersion>;
        try {
          result = parseApiVersion(header, active);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          const code = (error as AppError).code;
          if (expected === "missing") expect(code).toBe("VERSION_MISSING");
          else if (expected === "malformed") expect(code).toBe("VERSION_MALFORMED");
          else {
            expect(active.size).toBe(0);
            expect(code).toBe("NONEXISTENT_VERSION");
          }
          return;
        }
        expect(typeof expected).toBe("object");
        expect(result.month).toBe((expected as { month: string }).month);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseActiveVersions", () => {
  it("reads comma-separated months, trimming spaces", () => {
    expect(parseActiveVersions("202310")).toEqual(new Set(["202310"]));
    expect(parseActiveVersions("202310, 202311 ,202401")).toEqual(
      new Set(["202310", "202311", "202401"]),
    );
  });

  it.each(["", "2023", "202313", "202310,", "202310,,202311", "20231001", "abc"])(
    "refuses %j with a plain Error naming REGULA_API_VERSIONS",
    (csv) => {
      expect(() => parseActiveVersions(csv)).toThrowError(/REGULA_API_VERSIONS/);
      try {
        parseActiveVersions(csv);
      } catch (error) {
        expect(error).not.toBeInstanceOf(AppError);
      }
    },
  );
});
