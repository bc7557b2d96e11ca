import { MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const lateCommit: Scenario = {
  name: "late-commit",
  description:
    "While the archiver is in the middle of paging a member's backlog (each page slowed down), three writers commit messages concurrently, one transaction each: on PostgreSQL three Regula processes sharing the database, on SQLite concurrent requests. A server that stamped processedAt before commit would let the cursor pass a late commit; nothing may be lost or repeated.",
  cadenceMs: MINUTE_MS,
  async run(ctx) {
    const [member, other] = await ctx.addMembers(2);
    if (!member || !other) throw new Error("two members expected");
    const outsiders = await ctx.addMembers(1, { consent: false });
    const writers = await ctx.writerUrls(3);
    await ctx.messages(scaled(ctx.size, 150, 60), [member], { outsiders });
    await ctx.addFault({
      match: { method: "GET", path: "/rest/complianceEvents" },
      respond: { delayMs: 40 },
      times: 40,
    });
    await ctx.startArchiver();
    await ctx.waitUntilServed(1);
    const each = scaled(ctx.size, 20, 5);
    await Promise.all(
      writers.map((writer) => ctx.messagesOneByOne(each, [member, other], { writer, outsiders })),
    );
    await ctx.settle();
  },
};
