import type { FastifyInstance } from "fastify";
import type { Clock } from "../../clock.js";

/**
 * Every response's `Date` header reads the virtual clock, the clock of `processedAt`, as
 * LinkedIn's `Date` and its timestamps come from one clock: an archiver that takes "now"
 * from the server sees the world's time, not the host's.
 */
export function registerVirtualDate(app: FastifyInstance, clock: Clock): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("Date", new Date(clock.nowMs()).toUTCString());
    return payload;
  });
}
