import { describe, expect, it } from "vitest";
import {
  AppError,
  accessDenied,
  invalidParam,
  invalidParams,
  resourceNotFound,
} from "../../../src/errors.js";
import { RESTLI_ERROR_HEADER, restliErrorBody } from "../../../src/restli/error-body.js";

/** The body as it goes on the wire, so key order is checked too. */
const wire = (error: AppError) => JSON.stringify(restliErrorBody(error));

describe("restliErrorBody", () => {
  it("renders VERSION_MISSING exactly as LinkedIn does", () => {
    const error = new AppError(
      "VERSION_MISSING",
      "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
    );
    expect(wire(error)).toBe(
      '{"status":400,"code":"VERSION_MISSING","message":"A version must be present. Please specify a version by adding the LinkedIn-Version header."}',
    );
  });

  it("renders NONEXISTENT_VERSION as 426 with its code", () => {
    expect(
      wire(new AppError("NONEXISTENT_VERSION", "Requested version 20200101 is not active")),
    ).toBe(
      '{"status":426,"code":"NONEXISTENT_VERSION","message":"Requested version 20200101 is not active"}',
    );
  });

  it("renders auth errors with status, serviceErrorCode, code and message in that order", () => {
    expect(wire(new AppError("EMPTY_ACCESS_TOKEN", "Empty oauth2_access_token"))).toBe(
      '{"status":401,"serviceErrorCode":65604,"code":"EMPTY_ACCESS_TOKEN","message":"Empty oauth2_access_token"}',
    );
    expect(wire(accessDenied("complianceEvents", "FINDER-memberAndApplication", "20231001"))).toBe(
      '{"status":403,"serviceErrorCode":100,"code":"ACCESS_DENIED","message":"Not enough permissions to access: complianceEvents.FINDER-memberAndApplication.20231001"}',
    );
  });

  it("renders an unknown resource as LinkedIn's 404", () => {
    expect(restliErrorBody(resourceNotFound())).toEqual({
      status: 404,
      code: "RESOURCE_NOT_FOUND",
      message: "No virtual resource found",
    });
  });

  it("renders PARAM_INVALID in LinkedIn's validation form, without a top-level code", () => {
    expect(
      wire(invalidParam("count", "count must be between 1 and 50; the recommended value is 10")),
    ).toBe(
      '{"status":400,"message":"Invalid param. Please see errorDetails for more information.","errorDetails":{"inputErrors":[{"description":"count must be between 1 and 50; the recommended value is 10","input":{"inputPath":{"fieldPath":"count"}},"code":"PARAM_INVALID"}]}}',
    );
  });

  it("lists every input error, keeping each one's own code", () => {
    const body = restliErrorBody(
      invalidParams([
        { fieldPath: "start", description: "bad start" },
        { fieldPath: "count", description: "too low", code: "FIELD_VALUE_TOO_LOW" },
      ]),
    );
    expect(body.errorDetails).toEqual({
      inputErrors: [
        {
          description: "bad start",
          input: { inputPath: { fieldPath: "start" } },
          code: "PARAM_INVALID",
        },
        {
          description: "too low",
          input: { inputPath: { fieldPath: "count" } },
          code: "FIELD_VALUE_TOO_LOW",
        },
      ],
    });
  });

  it("renders THROTTLED as status, serviceErrorCode 101 and message, without a code", () => {
    const message = "Resource level throttle limit for calls to this resource is reached.";
    expect(wire(new AppError("THROTTLED", message, { headers: { "Retry-After": "60" } }))).toBe(
      `{"status":429,"serviceErrorCode":101,"message":"${message}"}`,
    );
  });

  it("never puts the cause or a stack in the body", () => {
    const error = new AppError("INTERNAL_ERROR", "Internal error", {
      cause: new Error("secret db detail"),
    });
    expect(restliErrorBody(error)).toEqual({
      status: 500,
      code: "INTERNAL_ERROR",
      message: "Internal error",
    });
  });

  it("names the Rest.li error header", () => {
    expect(RESTLI_ERROR_HEADER).toBe("X-RestLi-Error-Response");
  });
});
