import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { negotiateProtocolVersion, normalizeRestliMethod } from "../../../src/restli/protocol.js";

describe("negotiateProtocolVersion", () => {
  it("answers 1.0.0 when the client sends no protocol version", () => {
    expect(negotiateProtocolVersion(undefined)).toBe("1.0.0");
    expect(negotiateProtocolVersion("")).toBe("1.0.0");
  });

  it.each(["2.0.0", "2.0", "2", " 2.0.0 ", "2.1.3"])(
    "answers 2.0.0 to the 2.x version %j",
    (header) => {
      expect(negotiateProtocolVersion(header)).toBe("2.0.0");
    },
  );

  it.each(["1.0.0", "1.0", "1"])("answers 1.0.0 to the 1.x version %j", (header) => {
    expect(negotiateProtocolVersion(header)).toBe("1.0.0");
  });

  it.each(["abc", "3.0.0", "0.9.0", "2.0.0.0", "v2", "2.0.0-beta", "2..0"])(
    "refuses %j with 400",
    (header) => {
      expect(() => negotiateProtocolVersion(header)).toThrowError(AppError);
      try {
        negotiateProtocolVersion(header);
      } catch (error) {
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).inputErrors?.[0]?.fieldPath).toBe("X-RestLi-Protocol-Version");
      }
    },
  );
});

describe("normalizeRestliMethod", () => {
  it.each([
    ["finder", "finder"],
    ["FINDER", "finder"],
    ["get_all", "get_all"],
    ["GET_ALL", "get_all"],
    ["create", "create"],
    ["CREATE", "create"],
    ["delete", "delete"],
    ["get", "get"],
    ["Batch_Get", "batch_get"],
    ["update", "update"],
    ["PARTIAL_UPDATE", "partial_update"],
    ["action", "action"],
  ])("reads %j as %j", (header, method) => {
    expect(normalizeRestliMethod(header)).toBe(method);
  });

  it("treats an absent or empty header as no method", () => {
    expect(normalizeRestliMethod(undefined)).toBeUndefined();
    expect(normalizeRestliMethod("")).toBeUndefined();
  });

  it.each(["fetch", "get all", "POST", "finder2"])(
    "refuses the unknown method %j with 400",
    (header) => {
      try {
        normalizeRestliMethod(header);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).inputErrors?.[0]?.fieldPath).toBe("X-RestLi-Method");
      }
    },
  );
});
