import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import type { Store } from "../../src/store/store.js";
import { personUrn, threadUrn } from "../../src/urn.js";
import { storeTargets } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

const T0 = 1_800_000_000_000;

// siblingActivities are expanded by the database (json_quote / to_json) while the event's own
// activity is expanded in JavaScript (JSON.stringify). Both must give the same bytes for any
// text, or a sibling would differ from the event it repeats.
const texts = [
  Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join(""),
  'quotes " and \\ backslashes / slashes',
  "\u2028\u2029 line separators, \u007f\u0080\u009f, \ufffd",
  "émoji 🚀 and 中文",
  "a lone \ud800 surrogate",
  "plain",
];

describe.each(storeTargets)("store: siblings expanded by the database on $name", (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await target.create());
  });
  afterEach(async () => dispose());

  it("quotes every text exactly as JSON.stringify does", async () => {
    const appId = await insertStoreWorld(store, { members: ["ada", "bob"], at: T0 });
    await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: T0 });
    await store.authorizations.optIn(appId, "ada", "ADMIN");
    const [first] = await sendMessages(
      [{ from: personUrn("ada"), to: [personUrn("bob")], text: texts[0]! }],
      { store },
    );
    const thread = threadUrn(first!.message.threadId);
    await sendMessages(
      texts.slice(1).map((text) => ({ from: personUrn("bob"), thread, text })),
      { store },
    );
    const { rows } = await store.messaging.findEvents({
      applicationId: appId,
      ownerMemberId: "ada",
      fromMs: 0,
      toMs: null,
      offset: 0,
      limit: 50,
    });
    expect(rows).toHaveLength(texts.length);
    for (const [i, row] of rows.entries()) {
      const before = rows.slice(0, i).reverse();
      expect(row.siblingsJson).toBe(`[${before.map((r) => r.activityJson).join(",")}]`);
    }
    // The texts themselves came through: the event's activity quotes them as JSON.stringify.
    expect(rows[1]!.activityJson).toContain(`"fallback":${JSON.stringify(texts[1])}`);
  });
});
