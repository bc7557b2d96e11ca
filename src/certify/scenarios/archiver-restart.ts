import { MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const archiverRestart: Scenario = {
  name: "archiver-restart",
  description:
    "The archiver is killed with SIGKILL in the middle of paging a backlog (pages slowed so the kill lands mid-request), restarted, killed again, restarted. It must resume from its own state (REGULA_STATE_DIR): nothing lost, nothing written twice to the output.",
  cadenceMs: MINUTE_MS,
  async run(ctx) {
    const [member, other] = await ctx.addMembers(2);
    if (!member || !other) throw new Error("two members expected");
    await ctx.messages(scaled(ctx.size, 200, 120), [member, other]);
    await ctx.addFault({
      match: { method: "GET", path: "/rest/complianceEvents" },
      respond: { delayMs: 120 },
      times: 12,
    });
    await ctx.startArchiver();
    await ctx.waitUntilServed(50);
    await ctx.killArchiver();
    await ctx.messages(scaled(ctx.size, 10), [member, other]);
    await ctx.startArchiver();
    await ctx.waitUntilServed(150);
    await ctx.killArchiver();
    await ctx.startArchiver();
    await ctx.settle();
  },
};
