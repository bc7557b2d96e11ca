import { MINUTE_MS, type Scenario } from "../scenario.js";
import { scaled } from "./sizes.js";

const EVENTS = "/rest/complianceEvents";

export const throttleStorm: Scenario = {
  name: "throttle-storm",
  description:
    "Bursts of 429 with Retry-After and of 5xx on /rest/complianceEvents, /oauth/v2/introspectToken and /oauth/v2/accessToken, twice. The archiver must wait as long as Retry-After says (calling earlier is a finding), back off on 5xx, and still archive everything once.",
  cadenceMs: MINUTE_MS,
  async run(ctx) {
    const members = await ctx.addMembers(2);
    const storm = async () => {
      await ctx.addFault({
        match: { method: "GET", path: EVENTS },
        respond: { status: 429, retryAfter: 1 },
        times: 2,
      });
      await ctx.addFault({
        match: { method: "GET", path: EVENTS },
        respond: { status: 503 },
        times: 1,
      });
      await ctx.addFault({
        match: { method: "GET", path: EVENTS },
        respond: { status: 500 },
        times: 1,
      });
      await ctx.addFault({
        match: { method: "POST", path: "/oauth/v2/introspectToken" },
        respond: { status: 429, retryAfter: 1 },
        times: 1,
      });
      await ctx.addFault({
        match: { method: "POST", path: "/oauth/v2/accessToken" },
        respond: { status: 429, retryAfter: 1 },
        times: 2,
      });
    };
    await storm();
    await ctx.messages(scaled(ctx.size, 10), members);
    await ctx.startArchiver();
    await ctx.settle();
    await storm();
    await ctx.messages(scaled(ctx.size, 10), members);
    await ctx.settle();
  },
};
