import { type RawRequest, type RawResponse, sendRaw } from "./raw-http.js";

/**
 * Our own tiny Rest.li and OAuth client that writes the exact requests real archivers send
 * (spec/clients.md): LinkedIn's JavaScript client, its Python client, and hand-written
 * archivers. It is written from those documented wire facts alone; it neither uses nor
 * derives from LinkedIn's client libraries.
 */
export type ClientStyle = "js" | "python" | "archiver";

const JS_USER_AGENT = "linkedin-api-js-client/0.3.0";
const PYTHON_USER_AGENT = "python-requests/2.31.0";

/** Rest.li 2.0 URL encoding of one key value: percent-encode, including `(),':`. */
export function encodeKeyValueForUrl(value: string): string {
  return encodeURIComponent(value).replace(
    /[()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `(k:v,k:v)` in Rest.li 2.0 URL form, keys in the order given. */
export function compoundKeyForUrl(entries: Array<[string, string]>): string {
  return `(${entries.map(([k, v]) => `${k}:${encodeKeyValueForUrl(v)}`).join(",")})`;
}

/** The Rest.li 1.0 form LinkedIn's docs print: `k=v&k=v`, raw. */
export function compoundKeyV1Raw(entries: Array<[string, string]>): string {
  return entries.map(([k, v]) => `${k}=${v}`).join("&");
}

/** The 1.0 form as some archivers send it: the whole key percent-encoded as one path segment. */
export function compoundKeyV1Encoded(entries: Array<[string, string]>): string {
  return encodeURIComponent(compoundKeyV1Raw(entries));
}

/**
 * Decodes a compound key in reduced encoding (the `x-restli-id` header): only `,()':` and
 * `%` are escaped, so split on the structural characters, then percent-decode each part.
 */
export function decodeReducedCompoundKey(text: string): Record<string, string> {
  if (!text.startsWith("(") || !text.endsWith(")")) throw new Error(`not a compound key: ${text}`);
  const key: Record<string, string> = {};
  for (const part of text.slice(1, -1).split(",")) {
    const colon = part.indexOf(":");
    if (colon < 0) throw new Error(`malformed key part: ${part}`);
    key[decodeURIComponent(part.slice(0, colon))] = decodeURIComponent(part.slice(colon + 1));
  }
  return key;
}

export interface RestClientOptions {
  baseUrl: string;
  style: ClientStyle;
  accessToken: string;
  /** `202310` by default; archivers sometimes send `20231001`. */
  version?: string;
  /** Archivers sometimes add `X-Restli-Protocol-Version: 2.0.0`, sometimes not. */
  protocolHeader?: boolean;
}

type RestMethod = "finder" | "get_all" | "get" | "create" | "delete";

/** Headers in the order each client writes them. */
function restHeaders(
  options: RestClientOptions,
  method: RestMethod,
  hasBody: boolean,
): Array<[string, string]> {
  const version = options.version ?? "202310";
  const auth: [string, string] = ["Authorization", `Bearer ${options.accessToken}`];
  switch (options.style) {
    case "js":
      // The JS client sends Content-Type: application/json on every call, bodies or not.
      return [
        ["Accept", "application/json, text/plain, */*"],
        ["Content-Type", "application/json"],
        ["X-RestLi-Protocol-Version", "2.0.0"],
        ["X-RestLi-Method", method],
        auth,
        ["LinkedIn-Version", version],
        ["user-agent", JS_USER_AGENT],
        ["Connection", "Keep-Alive"],
      ];
    case "python":
      return [
        ["User-Agent", PYTHON_USER_AGENT],
        ["Accept-Encoding", "gzip, deflate"],
        ["Accept", "*/*"],
        ["Connection", "keep-alive"],
        ["X-RestLi-Protocol-Version", "2.0.0"],
        ["X-RestLi-Method", method.toUpperCase()],
        ["LinkedIn-Version", version],
        auth,
        ...(hasBody ? ([["Content-Type", "application/json"]] as Array<[string, string]>) : []),
      ];
    case "archiver":
      return [
        auth,
        ["LinkedIn-Version", version],
        ...(options.protocolHeader
          ? ([["X-Restli-Protocol-Version", "2.0.0"]] as Array<[string, string]>)
          : []),
        ...(hasBody ? ([["Content-Type", "application/json"]] as Array<[string, string]>) : []),
      ];
  }
}

/** Query string as each client writes it: JS in the caller's order, Python sorted by name. */
function queryString(style: ClientStyle, params: Array<[string, string | number]>): string {
  const ordered =
    style === "python" ? [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : params;
  return ordered
    .map(
      ([name, value]) => `${name}=${typeof value === "number" ? value : encodeURIComponent(value)}`,
    )
    .join("&");
}

export function restClient(options: RestClientOptions) {
  const send = (request: RawRequest) => sendRaw(options.baseUrl, request);
  return {
    /** `GET /rest/{resource}?q={finder}&…` */
    finder(
      resource: string,
      finder: string,
      params: Array<[string, string | number]> = [],
    ): Promise<RawResponse> {
      const query = queryString(options.style, [["q", finder], ...params]);
      return send({
        method: "GET",
        target: `/rest/${resource}?${query}`,
        headers: restHeaders(options, "finder", false),
      });
    },
    /** `GET /rest/{resource}` with no key and no finder. */
    getAll(resource: string): Promise<RawResponse> {
      return send({
        method: "GET",
        target: `/rest/${resource}`,
        headers: restHeaders(options, "get_all", false),
      });
    },
    /** `POST /rest/{resource}` with a JSON entity. */
    create(resource: string, entity: unknown): Promise<RawResponse> {
      return send({
        method: "POST",
        target: `/rest/${resource}`,
        headers: restHeaders(options, "create", true),
        body: JSON.stringify(entity),
      });
    },
    /** `DELETE /rest/{resource}/{key}`; the key goes on the wire exactly as given. */
    delete(resource: string, keyOnWire: string): Promise<RawResponse> {
      return send({
        method: "DELETE",
        target: `/rest/${resource}/${keyOnWire}`,
        headers: restHeaders(options, "delete", false),
      });
    },
    /**
     * Query tunneling: `POST` + `X-HTTP-Method-Override` with the query as a form body, as
     * the JS client does past 4000 characters of query.
     */
    tunneled(
      method: "GET" | "DELETE",
      path: string,
      params: Array<[string, string | number]>,
      restliMethod: RestMethod,
    ): Promise<RawResponse> {
      const headers = restHeaders(options, restliMethod, false).filter(
        ([name]) => name.toLowerCase() !== "content-type",
      );
      return send({
        method: "POST",
        target: `/rest/${path}`,
        headers: [
          ...headers,
          ["X-HTTP-Method-Override", method],
          ["Content-Type", "application/x-www-form-urlencoded"],
        ],
        body: queryString(options.style, params),
      });
    },
  };
}

/** An OAuth client: the authorization URL and the form posts of spec/clients.md. */
export function oauthClient(options: {
  baseUrl: string;
  style: "js" | "python";
  clientId: string;
  clientSecret: string;
}) {
  const formHeaders = (): Array<[string, string]> =>
    options.style === "js"
      ? [
          ["Accept", "application/json, text/plain, */*"],
          ["Content-Type", "application/x-www-form-urlencoded"],
          ["user-agent", JS_USER_AGENT],
          ["Connection", "Keep-Alive"],
        ]
      : [
          ["User-Agent", PYTHON_USER_AGENT],
          ["Accept-Encoding", "gzip, deflate"],
          ["Accept", "*/*"],
          ["Connection", "keep-alive"],
          ["Content-Type", "application/x-www-form-urlencoded"],
        ];
  const form = (fields: Array<[string, string]>) =>
    fields.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&");
  const post = (path: string, fields: Array<[string, string]>) =>
    sendRaw(options.baseUrl, {
      method: "POST",
      target: `/oauth/v2/${path}`,
      headers: formHeaders(),
      body: form(fields),
    });
  const credentials: Array<[string, string]> = [
    ["client_id", options.clientId],
    ["client_secret", options.clientSecret],
  ];

  return {
    /** JS joins scopes with raw commas; Python with `%20`. */
    authorizationPath(input: { redirectUri: string; scopes: string[]; state: string }): string {
      const scope =
        options.style === "js"
          ? input.scopes.join(",")
          : input.scopes.map(encodeURIComponent).join("%20");
      return (
        `/oauth/v2/authorization?response_type=code&client_id=${encodeURIComponent(options.clientId)}` +
        `&redirect_uri=${encodeURIComponent(input.redirectUri)}&scope=${scope}&state=${encodeURIComponent(input.state)}`
      );
    },
    exchangeCode(code: string, redirectUri: string): Promise<RawResponse> {
      return post("accessToken", [
        ["grant_type", "authorization_code"],
        ["code", code],
        ...credentials,
        ["redirect_uri", redirectUri],
      ]);
    },
    clientCredentials(): Promise<RawResponse> {
      return post("accessToken", [["grant_type", "client_credentials"], ...credentials]);
    },
    refresh(refreshToken: string): Promise<RawResponse> {
      return post("accessToken", [
        ["grant_type", "refresh_token"],
        ["refresh_token", refreshToken],
        ...credentials,
      ]);
    },
    introspect(token: string): Promise<RawResponse> {
      return post("introspectToken", [...credentials, ["token", token]]);
    },
    revoke(token: string): Promise<RawResponse> {
      return post("revoke", [...credentials, ["token", token]]);
    },
  };
}
