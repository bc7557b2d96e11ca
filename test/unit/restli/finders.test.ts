import { Type } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../../src/errors.js";
import { type Finder, findersOf, selectFinder } from "../../../src/restli/finders.js";

const table: Finder<string>[] = [
  { resource: "things", name: "owner", summary: "", parameters: Type.Object({}), handler: "a" },
  { resource: "things", name: "thread", summary: "", parameters: Type.Object({}), handler: "b" },
  { resource: "others", name: "owner", summary: "", parameters: Type.Object({}), handler: "c" },
];

describe("the finder table", () => {
  it("selects the finder q names on its resource", () => {
    expect(selectFinder(table, "things", "thread").handler).toBe("b");
    expect(selectFinder(table, "others", "owner").handler).toBe("c");
    expect(findersOf(table, "things").map((finder) => finder.name)).toEqual(["owner", "thread"]);
  });

  it("answers LinkedIn's 404 for an unknown, empty, repeated or missing q", () => {
    for (const q of ["nope", "", ["owner", "owner"], undefined, "thread "]) {
      let thrown: unknown = null;
      try {
        selectFinder(table, "things", q);
      } catch (error) {
        thrown = error;
      }
      expect(isAppError(thrown) && thrown.code, JSON.stringify(q)).toBe("RESOURCE_NOT_FOUND");
    }
  });
});
