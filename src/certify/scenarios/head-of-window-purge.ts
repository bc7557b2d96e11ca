import { DAY_MS, MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

export const headOfWindowPurge: Scenario = {
  name: "head-of-window-purge",
  description:
    "A first run starts from now − 28 days while the oldest events leave the window and are purged mid-crawl (the clock moves a minute every 150 ms, pages are slowed). An archiver that pages by offset (start=10, 20, …) from a fixed startTime skips younger events as the head shifts every offset; paging by advancing startTime from each page's last processedAt loses nothing. Events that aged out within the first seconds are not blamed on anyone.",
  cadenceMs: MINUTE_MS,
  async run(ctx) {
    const [member] = await ctx.addMembers(1);
    if (!member) throw new Error("a member expected");
    const outsiders = await ctx.addMembers(1, { consent: false });
    for (let batch = 0; batch < 5; batch++) {
      await ctx.messages(scaled(ctx.size, 30, 12), [member], { outsiders });
      await ctx.advance(MINUTE_MS);
    }
    // The first batch now has a minute left in the window.
    await ctx.advance(28 * DAY_MS - 6 * MINUTE_MS);
    await ctx.messages(scaled(ctx.size, 150, 60), [member], { outsiders });
    await ctx.addFault({
      match: { method: "GET", path: "/rest/complianceEvents" },
      respond: { delayMs: 60 },
      times: 200,
    });
    await ctx.startArchiver();
    await ctx.waitUntilServed(1);
    for (let step = 0; step < 7; step++) {
      await ctx.advance(MINUTE_MS);
      await ctx.sleepReal(150);
    }
    await ctx.clearFaults();
    await ctx.settle();
  },
};
