import type { FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../services.js";

/** What a `/rest` read handler gets: the call, the services, and its Rest.li method name. */
export interface RestCall {
  request: FastifyRequest;
  reply: FastifyReply;
  services: Services;
  /** `FINDER-{q}` or `GET_ALL`, as LinkedIn names it in a 403 message. */
  method: string;
}

/** Answers a finder or a bare collection GET; resolves to the body or the sent reply. */
export type RestHandler = (call: RestCall) => Promise<unknown>;
