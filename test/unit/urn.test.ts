import { describe, expect, it } from "vitest";
import { idFromRef, urnFromRef } from "../../src/urn.js";

describe("references that are an id or a URN", () => {
  it("idFromRef takes the id out of a URN of the named type, and a bare id as it is", () => {
    expect(idFromRef("urn:li:person:ada-lovelace", "person")).toBe("ada-lovelace");
    expect(idFromRef("ada-lovelace", "person")).toBe("ada-lovelace");
    expect(idFromRef("urn:li:developerApplication:100001", "developerApplication")).toBe("100001");
  });

  it("idFromRef returns a URN of another type unchanged, so the lookup misses", () => {
    expect(idFromRef("urn:li:person:100001", "developerApplication")).toBe("urn:li:person:100001");
  });

  it("urnFromRef keeps any URN and turns a bare id into one of the named type", () => {
    expect(urnFromRef("ada-lovelace", "person")).toBe("urn:li:person:ada-lovelace");
    expect(urnFromRef("urn:li:person:ada-lovelace", "person")).toBe("urn:li:person:ada-lovelace");
    expect(urnFromRef("urn:li:salesIdentity:1", "person")).toBe("urn:li:salesIdentity:1");
  });
});
