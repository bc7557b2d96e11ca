import { DAY_MS, HOUR_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

/**
 * The archiver stops; `days` days pass with traffic every day; it comes back. Under 28 days
 * everything must be caught; beyond, exactly the events that aged out unread are reported as
 * missed-by-window, apart from cursor misses.
 */
function downtime(days: number): Scenario {
  return {
    name: `downtime-${days}-days`,
    description:
      days < 28
        ? `The archiver is stopped and ${days} days pass with messages every day; it comes back and must catch everything before the window closes, oldest first (the oldest events have a day left).`
        : `The archiver is stopped and ${days} days pass with messages every day; it comes back after the oldest events aged out of the 28-day window. Exactly those are reported as missed-by-window, apart, and not blamed on the cursor; everything still in the window must be caught.`,
    cadenceMs: HOUR_MS,
    async run(ctx) {
      const members = await ctx.addMembers(2);
      await ctx.startArchiver();
      await ctx.messages(scaled(ctx.size, 6), members);
      await ctx.settle();
      await ctx.stopArchiver();
      for (let day = 0; day < days; day++) {
        await ctx.messages(scaled(ctx.size, 2), members);
        await ctx.advance(DAY_MS);
      }
      await ctx.startArchiver();
      await ctx.settle();
    },
  };
}

export const downtime27Days = downtime(27);
export const downtime29Days = downtime(29);
