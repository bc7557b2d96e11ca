import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("configuration of the reliability settings", () => {
  it("limits failed authentications by default at 30 a minute, and 0 turns it off", () => {
    expect(loadConfig({})).toMatchObject({ authFailureLimit: 30, authFailureWindowMs: 60_000 });
    expect(
      loadConfig({ REGULA_AUTH_FAILURE_LIMIT: "0", REGULA_AUTH_FAILURE_WINDOW_MS: "1000" }),
    ).toMatchObject({ authFailureLimit: 0, authFailureWindowMs: 1000 });
  });

  it("captures correctly by default and refuses the broken test variant without the test-only flag", () => {
    expect(loadConfig({}).testCaptureVariant).toBe("correct");
    expect(() => loadConfig({ REGULA_TEST_CAPTURE_VARIANT: "stamp-before-lock" })).toThrow(
      /REGULA_ENABLE_TEST_VARIANTS=1/,
    );
    expect(
      loadConfig({
        REGULA_TEST_CAPTURE_VARIANT: "stamp-before-lock",
        REGULA_ENABLE_TEST_VARIANTS: "1",
      }).testCaptureVariant,
    ).toBe("stamp-before-lock");
    expect(() =>
      loadConfig({ REGULA_TEST_CAPTURE_VARIANT: "other", REGULA_ENABLE_TEST_VARIANTS: "1" }),
    ).toThrow(/REGULA_TEST_CAPTURE_VARIANT/);
  });
});
