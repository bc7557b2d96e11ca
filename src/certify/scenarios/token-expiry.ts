import { DAY_MS, HOUR_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const tokenExpiry: Scenario = {
  name: "token-expiry",
  description:
    "The members' tokens expire (one year on the virtual clock). Capture goes on, as token expiry never ends an authorization; the archiver cannot read. Days later the members consent again and the archiver must catch up on everything captured in the meantime that is still in the 28-day window.",
  cadenceMs: HOUR_MS,
  async run(ctx) {
    const members = await ctx.addMembers(2);
    await ctx.startArchiver();
    await ctx.messages(scaled(ctx.size, 8), members);
    await ctx.settle();
    await ctx.advance(365 * DAY_MS + HOUR_MS);
    await ctx.messages(scaled(ctx.size, 8), members);
    await ctx.advance(3 * DAY_MS);
    await ctx.messages(scaled(ctx.size, 8), members);
    await ctx.sleepReal(1_500);
    await ctx.advance(2 * DAY_MS);
    for (const member of members) await ctx.reconsent(member);
    await ctx.settle();
    await ctx.messages(scaled(ctx.size, 4), members);
    await ctx.settle();
  },
};
