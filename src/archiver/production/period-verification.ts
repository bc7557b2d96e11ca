import path from "node:path";
import type { ArchiveRecord } from "../hash-chain.js";
import { verifyMember } from "../verify-archive.js";

interface ChainPoint {
  seq: number;
  hash: string;
  processedAt: string;
}

/** `audit/chain-verification.json`: the member's chain checked from genesis, seen for a period. */
export interface PeriodVerification {
  schema: "regula.chain-verification/1";
  member: string;
  period: { from: string; to: string };
  result: "ok" | "broken";
  /** Records of the whole chain whose link verified (genesis up to the head or the break). */
  linksVerified: number;
  /** The period's records, by processedAt in [from, to): how many verified, first and last. */
  periodRecords: { linksVerified: number; first: ChainPoint | null; last: ChainPoint | null };
  /** The chain's head when the whole chain verifies. */
  head: { seq: number; hash: string } | null;
  /** Where the chain first fails to verify; the file is relative to the member's directory. */
  firstBrokenLink: { file: string; line: number | null; problem: string } | null;
}

/**
 * Verifies the member's chain from its genesis (a period's records are only as good as every
 * link before them) and reports the period's part of it: the first and last record of the
 * period and how many of its links verified before any break.
 */
export async function verifyPeriod(
  memberDir: string,
  member: string,
  range: { from: number; to: number },
): Promise<PeriodVerification> {
  let linksVerified = 0;
  let periodLinks = 0;
  let first: ChainPoint | null = null;
  let last: ChainPoint | null = null;
  const point = (r: ArchiveRecord): ChainPoint => ({
    seq: r.seq,
    hash: r.hash,
    processedAt: new Date(r.event.processedAt).toISOString(),
  });
  const result = await verifyMember(memberDir, member, (record) => {
    linksVerified += 1;
    const t = record.event.processedAt;
    if (t < range.from || t >= range.to) return;
    periodLinks += 1;
    first ??= point(record);
    last = point(record);
  });
  const broken = "problem" in result;
  return {
    schema: "regula.chain-verification/1",
    member,
    period: { from: iso(range.from), to: iso(range.to) },
    result: broken ? "broken" : "ok",
    linksVerified,
    periodRecords: { linksVerified: periodLinks, first, last },
    head: broken ? null : { seq: result.records, hash: result.headHash },
    firstBrokenLink: broken
      ? { file: path.relative(memberDir, result.file), line: result.line, problem: result.problem }
      : null,
  };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** The summary page's lines for the verification; a broken chain is said first and plainly. */
export function describePeriodVerification(v: PeriodVerification): string[] {
  const { first, last, linksVerified } = v.periodRecords;
  const span =
    first && last
      ? `records ${first.seq} (${first.hash.slice(0, 16)}…) to ${last.seq} (${last.hash.slice(0, 16)}…), ${linksVerified} links verified`
      : "no records in the period";
  if (v.result === "ok") {
    return [`Chain verification: ok from genesis to record ${v.head?.seq}; period: ${span}`];
  }
  const b = v.firstBrokenLink!;
  return [
    `Chain verification: BROKEN at ${b.file}${b.line === null ? "" : `:${b.line}`}: ${b.problem}`,
    `  ${v.linksVerified} links verified before the break; period: ${span}`,
  ];
}
