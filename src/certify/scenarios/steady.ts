import { HOUR_MS, MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const steady: Scenario = {
  name: "steady",
  description:
    "Three members exchange messages spread over four hours of virtual time while the archiver polls. The baseline: every event must be archived once. Breaks an archiver that stops after the first member whose page comes back short, and one that does not deduplicate the boundary event the inclusive startTime returns.",
  cadenceMs: HOUR_MS,
  async run(ctx) {
    const members = await ctx.addMembers(3);
    await ctx.startArchiver();
    for (let step = 0; step < 4; step++) {
      await ctx.messages(scaled(ctx.size, 8), members);
      await ctx.advance(20 * MINUTE_MS);
      await ctx.messages(scaled(ctx.size, 4), members);
      await ctx.settle();
      await ctx.advance(40 * MINUTE_MS);
    }
  },
};
