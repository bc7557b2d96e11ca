import { MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const clockSkew: Scenario = {
  name: "clock-skew",
  description:
    "The world's clock runs five minutes behind the archiver host's clock, as LinkedIn's and a vendor's clocks differ, and messages keep arriving between polls. An archiver that takes its own clock at the start of a run as the next startTime (a lastSyncDate cursor, as in Nango's LinkedIn template) asks for the future and loses every event committed in the gap; the cursor must be the last processedAt seen.",
  cadenceMs: MINUTE_MS,
  clockBehindHostMs: 5 * MINUTE_MS,
  async run(ctx) {
    const members = await ctx.addMembers(2);
    await ctx.messages(scaled(ctx.size, 5), members);
    await ctx.startArchiver();
    await ctx.settle();
    for (let round = 0; round < 3; round++) {
      await ctx.messagesOneByOne(scaled(ctx.size, 4), members);
      await ctx.sleepReal(1_200);
    }
    await ctx.settle();
  },
};
