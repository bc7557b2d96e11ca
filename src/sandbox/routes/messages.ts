import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { CaptureResult, StoredMessage, Thread } from "../../domain/messaging/records.js";
import { MAX_BATCH, sendMessages } from "../../domain/messaging/send-messages.js";
import { notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { idFromRef, messageUrn, personUrn, threadUrn } from "../../urn.js";
import { IdParams, SendBatchBody, SendMessageBody, ThreadListQuery } from "../schemas.js";
import { elementList, SentBatch, SentMessage, ThreadView } from "../view-schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

/**
 * The batch route's own body limit: the spec promises up to MAX_BATCH messages per batch,
 * and a thousand messages of 2 KB of text (escaped in JSON, with their other fields) do not
 * fit in the server-wide default of 1 MiB. 8 KiB per message leaves room for escapes.
 */
export const BATCH_BODY_LIMIT_BYTES = MAX_BATCH * 8 * 1024;

const sendErrors = {
  400: "An invalid field, or a sender who is not a participant",
  404: "No such member or thread",
  409: "The thread already exists",
};

/** `/sandbox/messages` and `/sandbox/threads`: Sales Navigator messaging through the capture path. */
export async function messageRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = services;
  const sendDeps = { ...services, captureVariant: services.config.testCaptureVariant };

  app.post(
    "/messages",
    {
      schema: {
        ...sandboxDoc(
          "Send a message",
          "Without `thread` it starts one with `to`; with `thread` it replies (the sender must be a participant). Captured like a real send: one compliance event per regulated participant and application.",
        ),
        body: SendMessageBody,
        response: { 201: SentMessage, ...sandboxErrors({ ...sendErrors, body: true }) },
      },
    },
    async (request, reply) => {
      const [result] = await sendMessages([request.body], sendDeps);
      return reply.code(201).send(captureView(result!));
    },
  );

  // `::` is Fastify's escape for a literal colon (Google-style custom method).
  app.post(
    "/messages::batch",
    {
      bodyLimit: Math.max(services.config.bodyLimitBytes, BATCH_BODY_LIMIT_BYTES),
      schema: {
        ...sandboxDoc("Send up to 1000 messages", "One request, one transaction: all or none."),
        body: SendBatchBody,
        response: { 201: SentBatch, ...sandboxErrors({ ...sendErrors, body: true }) },
      },
    },
    async (request, reply) => {
      const results = await sendMessages(request.body.messages, sendDeps);
      return reply.code(201).send({ results: results.map(captureView) });
    },
  );

  app.get(
    "/threads",
    {
      schema: {
        ...sandboxDoc(
          "List threads",
          "Newest first; `member` keeps the threads they take part in.",
        ),
        querystring: ThreadListQuery,
        response: { 200: elementList(ThreadView), ...sandboxErrors({ 400: "A bad parameter" }) },
      },
    },
    async (request) => {
      const memberId = request.query.member ? idFromRef(request.query.member, "person") : undefined;
      const threads = await store.messaging.listThreads({
        ...(memberId === undefined ? {} : { memberId }),
        limit: Number(request.query.limit ?? 100),
      });
      return { elements: threads.map((t) => threadView(t)) };
    },
  );

  app.get(
    "/threads/:id",
    {
      schema: {
        ...sandboxDoc("One thread", "With its participants and messages."),
        params: IdParams,
        response: { 200: ThreadView, ...sandboxErrors({ 404: "No thread with this id" }) },
      },
    },
    async (request) => {
      const id = idFromRef(request.params.id, "messagingThread");
      const thread = await store.messaging.findThread(id);
      if (!thread) throw notFound(`No thread ${request.params.id}`);
      return threadView(thread, await store.messaging.listThreadMessages(id));
    },
  );
}

function captureView(result: CaptureResult): SentMessage {
  return {
    id: result.message.id,
    urn: messageUrn(result.message.id),
    thread: threadUrn(result.message.threadId),
    createdAt: result.message.createdAt,
    capturedFor: result.capturedFor,
  };
}

function threadView(thread: Thread, messages?: StoredMessage[]): ThreadView {
  return {
    id: thread.id,
    urn: threadUrn(thread.id),
    subject: thread.subject,
    createdAt: thread.createdAt,
    lastMessageAt: thread.lastMessageAt,
    creator: personUrn(thread.creatorMemberId),
    participants: thread.participants.map((p) => ({
      member: personUrn(p.memberId),
      identity: p.identity,
      joinedAt: p.joinedAt,
    })),
    ...(messages
      ? {
          messages: messages.map((m) => ({
            id: m.id,
            urn: messageUrn(m.id),
            from: personUrn(m.senderMemberId),
            author: m.authorIdentity,
            mailbox: m.mailbox,
            inMail: m.inMail,
            subject: m.subject,
            text: m.text,
            attachments: m.attachments,
            createdAt: m.createdAt,
            deliveredAt: m.deliveredAt,
          })),
        }
      : {}),
  };
}
