import { ADMIN_KEY, memberIds } from "./world-plan.js";

/**
 * Issue 11: `../shared/spec/sandbox.md` promises up to 1,000 messages per batch, so a batch
 * of 1,000 messages of 2 KB of text must be accepted at the default limits. Returns the
 * status Regula answers (201 when accepted; 413 when the body limit refuses it).
 */
export async function tryBigBatch(baseUrl: string): Promise<number> {
  const text = "y".repeat(2048);
  const messages = Array.from({ length: 1000 }, (_, i) => ({
    from: `urn:li:person:${memberIds[i % memberIds.length]}`,
    to: [`urn:li:person:${memberIds[(i + 1) % memberIds.length]}`],
    text,
  }));
  const response = await fetch(`${baseUrl}/sandbox/messages:batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ messages }),
  });
  await response.arrayBuffer();
  return response.status;
}
