import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode, errorCatalogue } from "../../src/errors.js";
import { restliErrorBody } from "../../src/restli/error-body.js";

const doc = fs.readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
const documented = new Map(
  [...doc.matchAll(/^\| ([A-Z_]+) \| (\d{3}) \|\s*(\d*)\s*\|/gm)].map((m) => [
    m[1]!,
    { status: Number(m[2]), service: m[3] },
  ]),
);

describe("error catalogue", () => {
  it("docs/errors.md lists exactly the codes of src/errors.ts with the same status and serviceErrorCode", () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(errorCatalogue).sort());
    for (const [code, entry] of Object.entries(errorCatalogue) as [
      ErrorCode,
      { status: number; serviceErrorCode?: number },
    ][]) {
      expect(documented.get(code), code).toEqual({
        status: entry.status,
        service: entry.serviceErrorCode ? String(entry.serviceErrorCode) : "",
      });
    }
  });

  it.each(Object.keys(errorCatalogue) as ErrorCode[])(
    "%s renders as a JSON body with its status and a message",
    (code) => {
      const body = restliErrorBody(new AppError(code, "something went wrong"));
      expect(body.status).toBe(errorCatalogue[code].status);
      expect(typeof body.message).toBe("string");
    },
  );
});
