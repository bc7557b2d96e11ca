import { describe, expect, it } from "vitest";
import * as restli from "../../../src/restli/index.js";

describe("restli public API", () => {
  it("re-exports every module's functions and the error header name", () => {
    expect(Object.keys(restli).sort()).toEqual(
      [
        "RESTLI_ERROR_HEADER",
        "applyProjection",
        "decodeCompoundKeyReduced",
        "decodeRestliString",
        "encodeCompoundKeyForUrl",
        "encodeCompoundKeyReduced",
        "encodeRestliString",
        "negotiateProtocolVersion",
        "normalizeRestliMethod",
        "pagingEnvelope",
        "parseActiveVersions",
        "parseApiVersion",
        "parseCompoundKey",
        "parsePaging",
        "parseProjection",
        "resolveTunnel",
        "restliErrorBody",
      ].sort(),
    );
  });
});
