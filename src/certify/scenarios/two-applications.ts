import { HOUR_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const twoApplications: Scenario = {
  name: "two-applications",
  description:
    "The same members are regulated by two applications, so every message is captured twice, once per application. The archiver holds only its own application's credentials and tokens and must archive exactly its own events: any event of the other application in its output is unexpected.",
  cadenceMs: HOUR_MS,
  async run(ctx) {
    const members = await ctx.addMembers(3);
    const rival = await ctx.createApplication("Another archiver");
    for (const member of members) await ctx.consent(member, rival);
    await ctx.startArchiver();
    await ctx.messages(scaled(ctx.size, 15), members);
    await ctx.settle();
    await ctx.advance(HOUR_MS);
    await ctx.messages(scaled(ctx.size, 15), members);
    await ctx.settle();
  },
};
