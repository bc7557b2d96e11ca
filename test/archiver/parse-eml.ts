/**
 * A deliberately small RFC 5322 reader for tests: unfolds headers, decodes RFC 2047 B-words
 * and a base64 or 7bit body. Strict about what the exporter promises: CRLF everywhere.
 */
export interface ParsedEml {
  headers: Map<string, string[]>;
  rawHeaderLines: string[];
  body: string;
}

export function parseEml(text: string): ParsedEml {
  if (/(^|[^\r])\n/.test(text)) throw new Error("bare LF in message");
  const split = text.indexOf("\r\n\r\n");
  if (split === -1) throw new Error("no blank line between header and body");
  const rawHeaderLines = text.slice(0, split).split("\r\n");
  const unfolded = text
    .slice(0, split)
    .replace(/\r\n[ \t]/g, " ")
    .split("\r\n");
  const headers = new Map<string, string[]>();
  for (const line of unfolded) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`not a header line: ${line}`);
    const name = line.slice(0, colon).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), decodeWords(line.slice(colon + 1).trim())]);
  }
  const rawBody = text.slice(split + 4).replace(/\r\n$/, "");
  const encoding = headers.get("content-transfer-encoding")?.[0];
  const body =
    encoding === "base64"
      ? Buffer.from(rawBody.replace(/\r\n/g, ""), "base64").toString("utf8")
      : rawBody;
  return { headers, rawHeaderLines, body };
}

/** RFC 2047 §6.2: whitespace between adjacent encoded-words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64: string) =>
      Buffer.from(b64, "base64").toString("utf8"),
    );
}
