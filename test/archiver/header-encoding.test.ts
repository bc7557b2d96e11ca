import { describe, expect, it } from "vitest";
import {
  encodeDisplayName,
  encodeParameter,
  encodeUnstructured,
  foldHeader,
  formatMailbox,
} from "../../src/archiver/eml/header-encoding.js";
import { formatRfc5322Date } from "../../src/archiver/eml/rfc5322-date.js";
import { decodeWords } from "./parse-eml.js";

describe("RFC 5322 / 2047 header encoding", () => {
  it("leaves plain ASCII alone and encodes anything else as UTF-8 B-words that decode back", () => {
    expect(encodeUnstructured("Q4 review")).toBe("Q4 review");
    const subject = "Réunion 🚀 ".repeat(12).trim();
    const encoded = encodeUnstructured(subject);
    expect(encoded).toMatch(/^(=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+$/);
    for (const word of encoded.split(" ")) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(encoded)).toBe(subject);
  });

  it("never lets a CR or LF in a value start a new header", () => {
    expect(encodeUnstructured("hi\r\nBcc: x@example.com")).toBe("hi Bcc: x@example.com");
    expect(formatMailbox("Eve\r\nX-Evil: 1", "e@x.invalid")).toBe('"Eve X-Evil: 1" <e@x.invalid>');
  });

  it("encodes text that merely looks like an encoded-word, so it is not decoded as one", () => {
    expect(encodeUnstructured("=?UTF-8?B?SGk=?=")).not.toBe("=?UTF-8?B?SGk=?=");
    expect(decodeWords(encodeUnstructured("=?UTF-8?B?SGk=?="))).toBe("=?UTF-8?B?SGk=?=");
  });

  it("quotes display names with specials and encodes non-ASCII ones", () => {
    expect(encodeDisplayName("Ada Lovelace")).toBe("Ada Lovelace");
    expect(encodeDisplayName('Bob "the builder" O\'Brien, Jr.')).toBe(
      '"Bob \\"the builder\\" O\'Brien, Jr."',
    );
    expect(decodeWords(encodeDisplayName("Zoë"))).toBe("Zoë");
    expect(formatMailbox("", "a@b.invalid")).toBe("a@b.invalid");
  });

  it("folds long values at spaces with CRLF + space", () => {
    const folded = foldHeader(
      "To",
      Array.from({ length: 8 }, (_, i) => `Person ${i} <p${i}@person.linkedin.invalid>,`).join(" "),
    );
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
    for (const line of lines.slice(1)) expect(line.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, " ")).toMatch(/^To: Person 0/);
  });

  it("writes parameters per RFC 2231 when they are not ASCII", () => {
    expect(encodeParameter("name", 'deck "v2".pdf')).toBe('name="deck \\"v2\\".pdf"');
    expect(encodeParameter("name", "Übersicht (final).pdf")).toBe(
      "name*=UTF-8''%C3%9Cbersicht%20%28final%29.pdf",
    );
  });

  it("formats dates as RFC 5322 date-times in UTC", () => {
    expect(formatRfc5322Date(Date.UTC(2023, 9, 26, 5, 3, 20, 999))).toBe(
      "Thu, 26 Oct 2023 05:03:20 +0000",
    );
    expect(formatRfc5322Date(Date.UTC(2024, 0, 7, 0, 0, 0))).toBe(
      "Sun, 07 Jan 2024 00:00:00 +0000",
    );
  });
});
