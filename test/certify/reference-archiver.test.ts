import { describe, expect, it } from "vitest";
import { scenarios } from "../../src/certify/scenarios/index.js";
import { certify, certifyStores, summary, withCertifyWorld } from "./certify-harness.js";

/** The reference archiver, run exactly as docs/certify.md tells a vendor, passes everything. */
const REFERENCE_ARCHIVER = "npm run -s archive -- run --follow 1";

describe.each(certifyStores)("the reference archiver on %s", (store) => {
  it("passes every certification scenario", async () => {
    const report = await withCertifyWorld(store, (world) =>
      certify(
        world,
        REFERENCE_ARCHIVER,
        scenarios.map((s) => s.name),
      ),
    );
    expect(report.scenarios).toHaveLength(scenarios.length);
    expect(report.passed, summary(report)).toBe(true);
    const totals = report.scenarios.map((s) => s.verdict?.totals.expected ?? 0);
    // Every scenario gave the archiver something to archive (a judge that expects nothing passes anything).
    expect(
      totals.every((expected) => expected > 0),
      summary(report),
    ).toBe(true);
  }, 600_000);
});
