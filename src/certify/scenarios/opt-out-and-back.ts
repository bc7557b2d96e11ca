import { HOUR_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const optOutAndBack: Scenario = {
  name: "opt-out-and-back",
  description:
    "A member opts out mid-stream; messages sent while opted out produce no events for that member (anything archived for them is unexpected); the member opts in again and capture resumes. The archiver must keep what came before, archive nothing from the gap, and pick up after the opt-in.",
  cadenceMs: HOUR_MS,
  async run(ctx) {
    const [leaver, stayer] = await ctx.addMembers(2);
    if (!leaver || !stayer) throw new Error("two members expected");
    await ctx.startArchiver();
    await ctx.messages(scaled(ctx.size, 10), [leaver, stayer]);
    await ctx.settle();
    await ctx.optOut(leaver);
    await ctx.advance(HOUR_MS);
    await ctx.messages(scaled(ctx.size, 10), [leaver, stayer]);
    await ctx.settle();
    await ctx.advance(HOUR_MS);
    await ctx.optIn(leaver);
    await ctx.messages(scaled(ctx.size, 10), [leaver, stayer]);
    await ctx.settle();
  },
};
