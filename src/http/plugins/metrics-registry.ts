import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { ServedTracker } from "../../sandbox/served-tracker.js";
import type { Store } from "../../store/store.js";

/** Latency buckets (seconds) for HTTP requests and store calls: 1 ms to 10 s. */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metrics of one app instance, in a Registry of its own (never prom-client's global
 * one), so several servers in one process (tests, `startRegula()`) never collide or mix.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: "regula_http_requests_total",
    help: "HTTP requests answered, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: "regula_http_request_duration_seconds",
    help: "Time from a request's arrival to its response, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  readonly eventsCaptured = new Counter({
    name: "regula_events_captured_total",
    help: "Compliance events written by message capture (one per owner of a captured message)",
    registers: [this.registry],
  });
  readonly eventsServed = new Counter({
    name: "regula_events_served_total",
    help: "Compliance events returned in Events API pages (each time served)",
    registers: [this.registry],
  });
  readonly purgeRuns = new Counter({
    name: "regula_purge_runs_total",
    help: "Runs of the purge of events older than the retention window",
    registers: [this.registry],
  });
  readonly purgedEvents = new Counter({
    name: "regula_purged_events_total",
    help: "Events deleted by the retention purge",
    registers: [this.registry],
  });
  readonly storeDuration = new Histogram({
    name: "regula_store_query_duration_seconds",
    help: "Duration of store calls, by repository operation (repo.method)",
    labelNames: ["operation", "outcome"] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  readonly #stores = new WeakMap<Store, Store>();
  readonly #trackers = new WeakMap<ServedTracker, ServedTracker>();

  /**
   * `processMetrics`: also Node's own (CPU, memory, event loop, GC). Only for the one server
   * of a process (`regula serve`): each collector keeps a GC observer and an event-loop
   * monitor for the life of the process, too many for a test suite's hundreds of apps.
   */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics)
      collectDefaultMetrics({ register: this.registry, prefix: "regula_" });
  }

  /**
   * The store with every repository call timed, captures and purges counted. The same
   * proxy for the same store, so instrumenting twice never counts twice.
   */
  instrumentStore(store: Store): Store {
    const known = this.#stores.get(store);
    if (known) return known;
    const repos = new Map<PropertyKey, unknown>();
    const proxy = new Proxy(store, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value === "function") return value.bind(target);
        if (typeof value !== "object" || value === null || typeof prop !== "string") return value;
        if (!repos.has(prop)) repos.set(prop, this.instrumentRepo(prop, value));
        return repos.get(prop);
      },
    });
    this.#stores.set(store, proxy);
    return proxy;
  }

  /** The tracker with the events of every served page counted. */
  instrumentServed(served: ServedTracker): ServedTracker {
    const known = this.#trackers.get(served);
    if (known) return known;
    const proxy = new Proxy(served, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === "recordServed") {
          return (...args: Parameters<ServedTracker["recordServed"]>) => {
            this.eventsServed.inc(args[2].length);
            return target.recordServed(...args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    this.#trackers.set(served, proxy);
    return proxy;
  }

  private instrumentRepo(repoName: string, repo: object): object {
    return new Proxy(repo, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== "function" || typeof prop !== "string") return value;
        const operation = `${repoName}.${prop}`;
        return (...args: unknown[]) => {
          const stop = this.storeDuration.startTimer({ operation });
          const result: unknown = value.apply(target, args);
          if (!(result instanceof Promise)) {
            stop({ outcome: "ok" });
            return result;
          }
          return result.then(
            (resolved: unknown) => {
              stop({ outcome: "ok" });
              this.countOutcome(operation, resolved);
              return resolved;
            },
            (error: unknown) => {
              stop({ outcome: "error" });
              throw error;
            },
          );
        };
      },
    });
  }

  private countOutcome(operation: string, resolved: unknown): void {
    if (operation === "messaging.purgeEventsBefore" && typeof resolved === "number") {
      this.purgeRuns.inc();
      this.purgedEvents.inc(resolved);
    } else if (operation === "messaging.storeMessages") {
      const outcome = resolved as { ok: boolean; results?: Array<{ capturedFor: unknown[] }> };
      if (!outcome.ok) return;
      const captured = (outcome.results ?? []).reduce((n, r) => n + r.capturedFor.length, 0);
      if (captured > 0) this.eventsCaptured.inc(captured);
    }
  }
}
