import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayFileName,
  memberDirectory,
  memberUrnOfDirectory,
} from "../../src/archiver/archive-layout.js";
import { parseRecordLine } from "../../src/archiver/archive-lines.js";
import { canonicalJson } from "../../src/archiver/canonical-json.js";
import {
  chainRecord,
  formatRecordLine,
  genesisHash,
  recordHash,
} from "../../src/archiver/hash-chain.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("canonical JSON and the hash chain", () => {
  it("sorts keys at every depth and drops whitespace, whatever order the server used", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, "x"], c: "é\n" } })).toBe(
      '{"a":{"c":"é\\n","d":[true,null,"x"]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it("round-trips any JSON value through JSON.parse unchanged", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it("is the documented chain: genesis from the member, then sha256(prevHash \\n seq \\n canonical event)", () => {
    const member = "urn:li:person:ada";
    const event = { processedAt: 5, owner: member, id: 7 };
    expect(genesisHash(member)).toBe(sha256(`regula-archive/1\n${member}`));
    const first = chainRecord({ seq: 0, hash: genesisHash(member) }, event);
    expect(first).toEqual({
      seq: 1,
      prevHash: genesisHash(member),
      event,
      hash: sha256(
        `${genesisHash(member)}\n1\n{"id":7,"owner":"urn:li:person:ada","processedAt":5}`,
      ),
    });
    expect(recordHash(first.prevHash, 2, event)).not.toBe(first.hash); // seq is bound in
    const line = formatRecordLine(first);
    expect(line).toBe(
      `{"seq":1,"prevHash":"${first.prevHash}","event":{"id":7,"owner":"urn:li:person:ada","processedAt":5},"hash":"${first.hash}"}\n`,
    );
    expect(parseRecordLine(line.trimEnd())).toEqual({ record: first });
  });

  it("files events by the UTC day of processedAt and members by their encoded person id", () => {
    expect(dayFileName(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe("2024-02-29.jsonl");
    expect(dayFileName(Date.UTC(2024, 2, 1))).toBe("2024-03-01.jsonl");
    expect(memberDirectory("/a", "urn:li:person:x%y")).toBe("/a/x%25y");
    expect(memberUrnOfDirectory("x%25y")).toBe("urn:li:person:x%y");
    expect(memberUrnOfDirectory("%E0")).toBeNull();
    expect(() => memberDirectory("/a", "urn:li:person:../etc")).toThrow();
  });
});
