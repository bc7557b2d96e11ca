import { expect } from "vitest";
import { purgeExpiredEvents } from "../../src/domain/events/find-events.js";
import { hashSecret } from "../../src/secrets.js";
import { personUrn } from "../../src/urn.js";
import {
  getEvents,
  optIn,
  optOut,
  readAllEvents,
  resetFrozenWorld,
  sendMessage,
} from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import type { Harness } from "../helpers/harness.js";
import { type Command, type History, MEMBERS, SEATLESS_MEMBER } from "./history.js";
import { type ModelEvent, RETENTION_MS, ReferenceModel } from "./reference-model.js";

const SHORT_TOKEN_MS = 2 * 3_600_000;
const YEAR_MS = 365 * 86_400_000;

interface World {
  h: Harness;
  model: ReferenceModel;
  appIds: string[];
  memberIds: string[];
  /** One application (2-legged) token per application. */
  appTokens: string[];
}

/** Runs one history on an emptied store and checks every stream against the model. */
export async function runHistory(h: Harness, history: History): Promise<void> {
  const model = new ReferenceModel(await resetFrozenWorld(h.services));
  const appIds: string[] = [];
  const appTokens: string[] = [];
  for (let a = 0; a < history.apps; a++) {
    const { application } = await createTestApplication(h.services);
    appIds.push(application.id);
    appTokens.push(
      await insertTestToken(h.services, { applicationId: application.id, memberId: null }),
    );
  }
  const memberIds: string[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    memberIds.push(
      (await createTestMember(h.services, { salesNavigator: m !== SEATLESS_MEMBER })).id,
    );
  }
  const world: World = { h, model, appIds, memberIds, appTokens };
  const commands: Command[] = [
    ...history.commands,
    ...(history.purgeBeforeCheck ? [{ kind: "purge" as const }] : []),
  ];
  for (const [step, command] of commands.entries()) {
    await applyCommand(world, { ...command, ...indexesIn(command, history.apps) } as Command, step);
  }
  await checkEveryStream(world, history.pageSize);
}

function indexesIn(command: Command, apps: number): Partial<Record<"app" | "victimApp", number>> {
  if (!("app" in command)) return {};
  const app = command.app % apps;
  if (command.kind !== "optOutOtherApp") return { app };
  const victim = command.victimApp % apps;
  return { app, victimApp: victim === app ? (app + 1) % apps : victim };
}

async function applyCommand(w: World, c: Command, step: number): Promise<void> {
  const { h, model } = w;
  const at = `step ${step} ${JSON.stringify(c)}`;
  switch (c.kind) {
    case "optIn": {
      const held = model.token(c.app, c.member);
      const token =
        held && model.tokenState(held) === "valid"
          ? held
          : await newToken(w, c.app, c.member, c.shortToken);
      expect((await optIn(h.app, token.value)).statusCode, at).toBe(201);
      model.optIn(c.app, c.member);
      return;
    }
    case "optOut": {
      const held = model.token(c.app, c.member);
      const token = c.via === "application" ? w.appTokens[c.app]! : held?.value;
      if (token === undefined) return;
      const state = c.via === "application" || !held ? "valid" : model.tokenState(held);
      const regulated = model.isRegulated(c.app, c.member);
      const expected = state !== "valid" ? 401 : regulated ? 204 : 404;
      const res = await optOut(h.app, token, w.appIds[c.app]!, w.memberIds[c.member]!);
      expect(res.statusCode, at).toBe(expected);
      if (expected === 204) model.optOut(c.app, c.member);
      return;
    }
    case "optOutOtherMember": {
      // A member token never touches another member's authorization, even of its own app.
      const held = model.token(c.app, c.member);
      if (!held) return;
      const victim = c.victim === c.member ? (c.member + 1) % MEMBERS : c.victim;
      const res = await optOut(h.app, held.value, w.appIds[c.app]!, w.memberIds[victim]!);
      expect(res.statusCode, at).toBe(model.tokenState(held) === "valid" ? 403 : 401);
      return;
    }
    case "optOutOtherApp": {
      const res = await optOut(
        h.app,
        w.appTokens[c.app]!,
        w.appIds[c.victimApp]!,
        w.memberIds[c.member]!,
      );
      expect(res.statusCode, at).toBe(403);
      return;
    }
    case "removeApp": {
      const wasRegulated = model.isRegulated(c.app, c.member);
      const result = await h.services.store.authorizations.removeApplicationForMember(
        w.appIds[c.app]!,
        w.memberIds[c.member]!,
      );
      expect(result.endedAuthorization, at).toBe(wasRegulated);
      model.removeApp(c.app, c.member);
      return;
    }
    case "revokeToken": {
      const held = model.token(c.app, c.member);
      if (!held) return;
      await h.services.store.tokens.revoke(hashSecret(held.value), h.services.clock.nowMs());
      held.revoked = true;
      return;
    }
    case "advance":
      await h.services.clock.advance(c.ms);
      model.advance(c.ms);
      return;
    case "newThread": {
      const to = c.to.filter((m) => m !== c.from);
      if (to.length === 0) to.push((c.from + 1) % MEMBERS);
      const sent = await send(
        w,
        c.from,
        { to: to.map((m) => personUrn(w.memberIds[m]!)) },
        [c.from, ...to],
        at,
      );
      model.threads.push({ id: sent.thread, participants: [c.from, ...to] });
      return;
    }
    case "reply": {
      if (model.threads.length === 0) return;
      const thread = model.threads[c.thread % model.threads.length]!;
      const from = thread.participants[c.from % thread.participants.length]!;
      await send(w, from, { thread: thread.id }, thread.participants, at);
      return;
    }
    case "purge":
      await purgeExpiredEvents({
        store: h.services.store,
        clock: h.services.clock,
        retentionDays: 28,
      });
      return;
  }
}

async function newToken(w: World, app: number, member: number, short: boolean) {
  const lifetimeMs = short ? SHORT_TOKEN_MS : YEAR_MS;
  const value = await insertTestToken(w.h.services, {
    applicationId: w.appIds[app]!,
    memberId: w.memberIds[member]!,
    lifetimeMs,
  });
  const token = { value, expiresAt: w.model.nowMs + lifetimeMs, revoked: false };
  w.model.setToken(app, member, token);
  return token;
}

/** Sends one message and checks that the server reports exactly the events the model expects. */
async function send(
  w: World,
  from: number,
  target: Record<string, unknown>,
  participants: number[],
  at: string,
) {
  const mailbox = from === SEATLESS_MEMBER ? "PERSONAL" : "SALES_NAVIGATOR";
  const sent = await sendMessage(w.h.app, {
    from: personUrn(w.memberIds[from]!),
    text: at,
    mailbox,
    ...target,
  });
  const produced = w.model.send(sent.id, participants, w.appIds.length);
  const expected = produced
    .map((e) => `${personUrn(w.memberIds[e.owner]!)}|${w.appIds[e.app]}`)
    .sort();
  expect(sent.capturedFor.map((c) => `${c.owner}|${c.application}`).sort(), at).toEqual(expected);
  return sent;
}

/**
 * Reads every (application, member) stream through the API with a new token, paging with
 * start/count, and compares it with the model: same events (message, owner, processedAt),
 * none extra, none missing, in (processedAt, id) order, none older than the window.
 */
async function checkEveryStream(w: World, pageSize: number): Promise<void> {
  const { h, model } = w;
  const windowStart = model.nowMs - RETENTION_MS;
  const describeEvent = (messageId: string, owner: string, processedAt: number) =>
    `${messageId}|${owner}|${processedAt}`;
  for (let a = 0; a < w.appIds.length; a++) {
    const appTokenRead = await getEvents(h.app, w.appTokens[a]!);
    expect(appTokenRead.statusCode, "an application token reads no member's events").toBe(403);
    for (let m = 0; m < MEMBERS; m++) {
      const token = await insertTestToken(h.services, {
        applicationId: w.appIds[a]!,
        memberId: w.memberIds[m]!,
      });
      const events = await readAllEvents(h.app, token, { count: pageSize });
      const got = events.map((e) => describeEvent(e.resourceId, e.owner, e.processedAt));
      const expected = model
        .visible(a, m)
        .map((e: ModelEvent) =>
          describeEvent(e.messageId, personUrn(w.memberIds[e.owner]!), e.processedAt),
        );
      expect([...got].sort(), `app ${a} member ${m}`).toEqual(expected.sort());
      for (const [i, e] of events.entries()) {
        expect(e.processedAt).toBeGreaterThanOrEqual(windowStart);
        expect(e.processedAt).toBeGreaterThanOrEqual(e.capturedAt);
        const prev = events[i - 1];
        if (prev)
          expect(
            prev.processedAt < e.processedAt ||
              (prev.processedAt === e.processedAt && prev.id < e.id),
          ).toBe(true);
      }
    }
  }
}
