import { MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const sameMillisecondBurst: Scenario = {
  name: "same-millisecond-burst",
  description:
    "One transaction captures more than a page (over 50) of events with a single processedAt, then more follow. An archiver that moves startTime past the last processedAt seen (an exclusive cursor, processedAt + 1) loses the rest of the burst; one must page with start within that millisecond.",
  cadenceMs: MINUTE_MS,
  async run(ctx) {
    const [first, second] = await ctx.addMembers(2);
    if (!first || !second) throw new Error("two members expected");
    const outsiders = await ctx.addMembers(1, { consent: false });
    await ctx.startArchiver();
    await ctx.messages(75 + scaled(ctx.size, 45, 0), [first], { outsiders });
    await ctx.settle();
    await ctx.advance(MINUTE_MS);
    await ctx.messages(60 + scaled(ctx.size, 20, 0), [first, second], { outsiders });
    await ctx.messages(scaled(ctx.size, 10), [first, second], { outsiders });
    await ctx.settle();
  },
};
