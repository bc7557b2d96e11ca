import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { ClockBody, ClockView } from "../schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

/** `/sandbox/clock`: the virtual clock every time-based rule follows. */
export async function clockRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { clock, store } = services;

  app.get(
    "/clock",
    {
      schema: {
        ...sandboxDoc("The virtual clock", "Every time-based rule follows it."),
        response: { 200: ClockView, ...sandboxErrors() },
      },
    },
    async () => clock.current(),
  );

  app.post(
    "/clock",
    {
      schema: {
        ...sandboxDoc(
          "Move, set, freeze or release the virtual clock",
          "One of `{advanceMs}`, `{setTo}` (only forward once messages exist) or `{freeze}`.",
        ),
        body: ClockBody,
        response: {
          200: ClockView,
          ...sandboxErrors({
            body: true,
            400: "Not one of the three forms",
            409: "setTo would move time back over existing messages",
          }),
        },
      },
    },
    async (request) => {
      const body = request.body;
      if ("advanceMs" in body) await clock.advance(body.advanceMs);
      else if ("setTo" in body)
        await clock.setTo(body.setTo, (await store.messaging.countMessages()) > 0);
      else await clock.freeze(body.freeze);
      return clock.current();
    },
  );
}
