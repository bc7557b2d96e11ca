import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { ClockBody } from "../schemas.js";

/** `/sandbox/clock`: the virtual clock every time-based rule follows. */
export async function clockRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { clock, store } = services;

  app.get("/clock", async () => clock.current());

  app.post("/clock", { schema: { body: ClockBody } }, async (request) => {
    const body = request.body;
    if ("advanceMs" in body) await clock.advance(body.advanceMs);
    else if ("setTo" in body)
      await clock.setTo(body.setTo, (await store.messaging.countMessages()) > 0);
    else await clock.freeze(body.freeze);
    return clock.current();
  });
}
