import { describe, expect, it } from "vitest";
import {
  expandActivity,
  expandProcessedActivity,
  toMessageTemplates,
} from "../../../src/store/kysely/message-templates.js";

// The stored templates must expand to the exact bytes they were cut from, whatever the text
// holds, and keep the text out of the stored row.
function documents(text: string, subject: string, name: string) {
  const activity = {
    $URN: "urn:li:message:1",
    id: "1",
    content: { format: "TEXT", fallback: text, formatVersion: 1, content: { string: text } },
    attachments: [],
    subject,
  };
  const processed = { ...activity, "owner~": { localizedFirstName: name, id: "m1" } };
  return { activityJson: JSON.stringify(activity), processedJson: JSON.stringify(processed) };
}

const texts = [
  "plain",
  "",
  'with "quotes", \\backslashes\\ and \n newlines',
  "\u0001\u0002 control marks",
  '"fallback":"x"',
  "ünïcode ✓ 🚀",
  "x".repeat(2048),
];

describe("message templates", () => {
  for (const text of texts) {
    it(`round-trips ${JSON.stringify(text.slice(0, 24))}`, () => {
      // Other fields equal to the text, or spelling a key, must come back unchanged too.
      for (const [subject, name] of [
        [text, text],
        ["s", '"string":'],
      ] as const) {
        const { activityJson, processedJson } = documents(text, subject, name);
        const t = toMessageTemplates(text, activityJson, processedJson);
        const activity = expandActivity(JSON.stringify(text), t.activityTemplate);
        expect(activity).toBe(activityJson);
        expect(
          expandProcessedActivity(JSON.stringify(text), activity, t.processedActivityTemplate),
        ).toBe(processedJson);
        if (text.length > 10 && subject !== text) {
          expect(t.activityTemplate).not.toContain(JSON.stringify(text));
          expect(t.processedActivityTemplate).not.toContain(JSON.stringify(text));
        }
        expect(t.processedActivityTemplate.length).toBeLessThan(
          processedJson.length - activityJson.length + 4,
        );
      }
    });
  }

  it("expands a document stored whole (no marks) to itself", () => {
    const { activityJson, processedJson } = documents("t", "s", "n");
    expect(expandActivity('"other"', activityJson)).toBe(activityJson);
    expect(expandProcessedActivity('"other"', activityJson, processedJson)).toBe(processedJson);
  });
});
