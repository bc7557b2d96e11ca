import { HOUR_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const memberRemovesApp: Scenario = {
  name: "member-removes-app",
  description:
    "A member removes the application in their privacy settings: their tokens are revoked and capture for them ends at once. The archiver must keep everything captured before, and stop polling with the revoked token (a few 401s are allowed to notice; more are a finding) while the other members go on.",
  cadenceMs: HOUR_MS,
  async run(ctx) {
    const [leaver, stayer] = await ctx.addMembers(2);
    if (!leaver || !stayer) throw new Error("two members expected");
    await ctx.startArchiver();
    await ctx.messages(scaled(ctx.size, 12), [leaver, stayer]);
    await ctx.settle();
    await ctx.removeApp(leaver);
    await ctx.advance(HOUR_MS);
    await ctx.messages(scaled(ctx.size, 12), [leaver, stayer]);
    await ctx.settle();
    // Several more polling cycles, to see whether the dead token keeps being used.
    await ctx.sleepReal(3_000);
    await ctx.messages(scaled(ctx.size, 4), [stayer], {
      outsiders: await ctx.addMembers(1, { consent: false }),
    });
    await ctx.settle();
  },
};
