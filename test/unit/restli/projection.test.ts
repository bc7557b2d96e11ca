import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { applyProjection, parseProjection } from "../../../src/restli/projection.js";

const EVENT = {
  id: "e1",
  owner: "urn:li:person:A",
  processedAt: 1,
  activity: { id: "m1", thread: "urn:li:messagingThread:t", content: { text: "hi" } },
  attachments: [
    { name: "a.pdf", size: 10 },
    { name: "b.pdf", size: 20 },
  ],
};

function projectionError(fields: unknown): AppError {
  try {
    parseProjection(fields);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("parseProjection and applyProjection", () => {
  it("gives no projection when fields is absent", () => {
    expect(parseProjection(undefined)).toBeNull();
  });

  it("trims an element to a comma list of fields, in the element's own order", () => {
    const projection = parseProjection("processedAt,id")!;
    const projected = applyProjection(EVENT, projection);
    expect(projected).toEqual({ id: "e1", processedAt: 1 });
    expect(Object.keys(projected)).toEqual(["id", "processedAt"]);
  });

  it("trims nested objects with name:(a,b)", () => {
    expect(applyProjection(EVENT, parseProjection("id,activity:(id,thread)")!)).toEqual({
      id: "e1",
      activity: { id: "m1", thread: "urn:li:messagingThread:t" },
    });
  });

  it("applies a nested projection to every object of an array", () => {
    expect(applyProjection(EVENT, parseProjection("attachments:(name)")!)).toEqual({
      attachments: [{ name: "a.pdf" }, { name: "b.pdf" }],
    });
  });

  it("nests more than one level", () => {
    expect(applyProjection(EVENT, parseProjection("activity:(content:(text))")!)).toEqual({
      activity: { content: { text: "hi" } },
    });
  });

  it("leaves absent fields absent and scalar values whole under a nested projection", () => {
    expect(applyProjection(EVENT, parseProjection("nope,id:(x)")!)).toEqual({ id: "e1" });
  });

  it("merges repeated fields: nested lists unite, a whole field wins", () => {
    expect(applyProjection(EVENT, parseProjection("activity:(id),activity:(thread)")!)).toEqual({
      activity: { id: "m1", thread: "urn:li:messagingThread:t" },
    });
    expect(applyProjection(EVENT, parseProjection("activity:(id),activity")!)).toEqual({
      activity: EVENT.activity,
    });
  });

  it("returns a new object and leaves the element untouched", () => {
    const element = structuredClone(EVENT);
    const projected = applyProjection(element, parseProjection("activity:(id)")!);
    expect(element).toEqual(EVENT);
    expect(projected.activity).not.toBe(element.activity);
  });

  it("copies a JSON field named __proto__ as a plain field, never as a prototype", () => {
    const element = JSON.parse('{"__proto__":{"polluted":true},"id":1}') as Record<string, unknown>;
    const projected = applyProjection(element, parseProjection("__proto__,id")!);
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype);
    expect(Object.hasOwn(projected, "__proto__")).toBe(true);
    expect((projected as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    "",
    ",",
    "a,",
    ",a",
    "a,,b",
    "a b",
    "a:(b",
    "a:()",
    "a:(b))",
    "a:b",
    "a.b",
    "1a",
    "a:(b,)",
    "(a,b)",
  ])("refuses the malformed projection %j with 400 PARAM_INVALID fields", (fields) => {
    const error = projectionError(fields);
    expect(error.status).toBe(400);
    expect(error.code).toBe("PARAM_INVALID");
    expect(error.inputErrors?.[0]?.fieldPath).toBe("fields");
  });

  it("refuses repeated or non-string fields parameters", () => {
    expect(projectionError(["a", "b"]).inputErrors?.[0]?.description).toBe(
      "fields must be given once",
    );
    expect(projectionError(42).inputErrors?.[0]?.fieldPath).toBe("fields");
  });

  it("refuses nesting deeper than 16 levels instead of recursing without bound", () => {
    const deep = `${"a:(".repeat(40)}b${")".repeat(40)}`;
    expect(projectionError(deep).inputErrors?.[0]?.description).toMatch(/deeper than 16/);
    const ok = `${"a:(".repeat(16)}b${")".repeat(16)}`;
    expect(parseProjection(ok)).not.toBeNull();
  });
});
