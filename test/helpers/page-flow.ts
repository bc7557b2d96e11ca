import type { FastifyInstance } from "fastify";
import { sendRaw } from "./raw-http.js";

/**
 * Walks the sign-in and consent pages the way a browser would (cookies, hidden fields,
 * redirects), over `inject()` or a real socket, so API tests can reach the redirect URI
 * without a browser. The browser test does the same with Chromium.
 */
export interface PageResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export type Transport = (request: {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}) => Promise<PageResponse>;

export function injectTransport(app: FastifyInstance): Transport {
  return async (request) => {
    const res = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  };
}

/** A transport over a plain TCP socket, as a browser would speak to a listening server. */
/** injectTransport over a harness handle (useHarness): the app is looked up at each request. */
export function harnessTransport(h: { readonly app: FastifyInstance }): Transport {
  return (request) => injectTransport(h.app)(request);
}

export function socketTransport(baseUrl: string): Transport {
  return async (request) => {
    const res = await sendRaw(baseUrl, {
      method: request.method,
      target: request.url,
      headers: Object.entries(request.headers ?? {}),
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const setCookie = res.headers["set-cookie"]?.split("\n");
    return {
      status: res.status,
      headers: { ...res.headers, "set-cookie": setCookie },
      body: res.body,
    };
  };
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#39": "'" };

function unescapeHtml(text: string): string {
  return text.replace(
    /&(amp|quot|lt|gt|#39|#\d+);/g,
    (_, name: string) => ENTITIES[name] ?? String.fromCharCode(Number(name.slice(1))),
  );
}

/** The hidden inputs of the first form on a page (the sign-in and consent pages have one). */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[unescapeHtml(match[1]!)] = unescapeHtml(match[2]!);
  }
  return fields;
}

/** `name=value` of every cookie a response sets, by name. */
export function cookiesSet(res: PageResponse): Record<string, string> {
  const raw = res.headers["set-cookie"];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return Object.fromEntries(
    lines.map((line) => {
      const pair = line.split(";")[0]!;
      return [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    }),
  );
}

const form = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** Answers a sign-in page (already fetched) as `memberId`; returns the session cookie and where it leads. */
export async function signInFrom(
  transport: Transport,
  signInPage: PageResponse,
  memberId: string,
): Promise<{ sessionCookie: string; location: string }> {
  const nonce = cookiesSet(signInPage).regula_signin;
  if (signInPage.status !== 200 || !nonce)
    throw new Error(`expected the sign-in page, got ${signInPage.status}`);
  const fields = hiddenFields(signInPage.body);
  const res = await transport({
    method: "POST",
    url: "/oauth/v2/login",
    headers: { ...FORM, cookie: `regula_signin=${nonce}` },
    body: form({ ...fields, member_id: memberId }),
  });
  const session = cookiesSet(res).regula_session;
  if (res.status !== 303 || !session)
    throw new Error(`sign-in failed with ${res.status}: ${res.body}`);
  return { sessionCookie: `regula_session=${session}`, location: String(res.headers.location) };
}

/** Signs in from any page that asks for it, returning the session cookie. */
export async function signIn(
  transport: Transport,
  pagePath: string,
  memberId: string,
): Promise<string> {
  const page = await transport({ method: "GET", url: pagePath });
  return (await signInFrom(transport, page, memberId)).sessionCookie;
}

/**
 * From the authorization URL to the redirect URI: signs in when no session is given, then
 * allows or cancels on the consent page (or is redirected at once when consent is on file).
 * Returns the final `Location` and whether the consent page was shown.
 */
export async function authorizeInPages(
  transport: Transport,
  input: {
    authorizationPath: string;
    memberId: string;
    decision?: "allow" | "cancel";
    sessionCookie?: string;
  },
): Promise<{ location: string; sessionCookie: string; consentShown: boolean }> {
  let sessionCookie = input.sessionCookie;
  let path = input.authorizationPath;
  if (!sessionCookie) {
    const page = await transport({ method: "GET", url: path });
    ({ sessionCookie, location: path } = await signInFrom(transport, page, input.memberId));
  }
  const consent = await transport({ method: "GET", url: path, headers: { cookie: sessionCookie } });
  if (consent.status === 302)
    return { location: String(consent.headers.location), sessionCookie, consentShown: false };
  if (consent.status !== 200)
    throw new Error(`expected the consent page, got ${consent.status}: ${consent.body}`);
  const decided = await transport({
    method: "POST",
    url: "/oauth/v2/authorization",
    headers: { ...FORM, cookie: sessionCookie },
    body: form({ ...hiddenFields(consent.body), decision: input.decision ?? "allow" }),
  });
  if (decided.status !== 302)
    throw new Error(`consent answered ${decided.status}: ${decided.body}`);
  return { location: String(decided.headers.location), sessionCookie, consentShown: true };
}

/** The query parameters of a redirect `Location`. */
export function redirectParams(location: string): Record<string, string> {
  return Object.fromEntries(new URL(location).searchParams);
}
