import type { Faults } from "../services.js";
import type { FaultBody } from "./schemas.js";

// The schema lives with the other control-plane schemas, which the console imports.
export { FaultBody } from "./schemas.js";

export type FaultAction =
  | { kind: "respond"; status: number; retryAfter?: number }
  | { kind: "delay"; delayMs: number };

interface Fault {
  id: string;
  spec: FaultBody;
  remaining: number | null;
  random: () => number;
  hits: number;
}

/**
 * Scheduled and probabilistic faults on `/rest` and `/oauth` calls. Faults are checked in
 * order of creation; the first that matches and fires decides. `times` counts down and the
 * fault disappears at zero; `probability` draws from a PRNG seeded by `seed`, so the same
 * seed fires on the same calls in every run.
 */
export class FaultRegistry implements Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultBody): string {
    const id = String(this.nextId++);
    this.faults.push({
      id,
      spec,
      remaining: spec.times ?? null,
      random: mulberry32(spec.seed ?? 0),
      hits: 0,
    });
    return id;
  }

  list() {
    return this.faults.map((f) => ({ id: f.id, ...f.spec, remaining: f.remaining, hits: f.hits }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault action for this call, if one fires. */
  decide(method: string, path: string): FaultAction | null {
    for (const fault of this.faults) {
      if (!matches(fault.spec.match, method, path)) continue;
      if (fault.spec.probability !== undefined && fault.random() >= fault.spec.probability)
        continue;
      fault.hits += 1;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.remove(fault.id);
      }
      const respond = fault.spec.respond;
      if ("delayMs" in respond) return { kind: "delay", delayMs: respond.delayMs };
      return {
        kind: "respond",
        status: respond.status,
        ...(respond.retryAfter === undefined ? {} : { retryAfter: respond.retryAfter }),
      };
    }
    return null;
  }
}

function matches(match: FaultBody["match"], method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (!match.path) return true;
  return match.path.endsWith("*") ? path.startsWith(match.path.slice(0, -1)) : path === match.path;
}

/** A small, fast, seedable PRNG (Mulberry32): reproducible fault sequences, not security. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
