import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { restliErrorBody } from "../../../src/restli/error-body.js";
import { pagingEnvelope, parsePaging } from "../../../src/restli/paging.js";

const EVENT_LIMITS = { defaultCount: 10, minCount: 1, maxCount: 50, recommendedCount: 10 };

function pagingError(query: Record<string, unknown>): AppError {
  try {
    parsePaging(query, EVENT_LIMITS);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("parsePaging", () => {
  it("defaults start to 0 and count to the collection's default", () => {
    expect(parsePaging({}, EVENT_LIMITS)).toEqual({ start: 0, count: 10 });
    expect(
      parsePaging({ q: "memberAndApplication" }, { ...EVENT_LIMITS, defaultCount: 25 }),
    ).toEqual({
      start: 0,
      count: 25,
    });
  });

  it("reads string values as clients send them, and numbers too", () => {
    expect(parsePaging({ start: "20", count: "50" }, EVENT_LIMITS)).toEqual({
      start: 20,
      count: 50,
    });
    expect(parsePaging({ start: 5, count: 1 }, EVENT_LIMITS)).toEqual({ start: 5, count: 1 });
  });

  it.each(["0", "51", "-1", "1000"])(
    "refuses count=%s with the range and the recommended value",
    (count) => {
      const error = pagingError({ count });
      expect(error.code).toBe("PARAM_INVALID");
      expect(error.status).toBe(400);
      expect(error.inputErrors).toEqual([
        {
          fieldPath: "count",
          description: "count must be between 1 and 50; the recommended value is 10",
          code: "PARAM_INVALID",
        },
      ]);
    },
  );

  it("renders a bad count in LinkedIn's validation body", () => {
    expect(restliErrorBody(pagingError({ count: "51" }))).toEqual({
      status: 400,
      message: "Invalid param. Please see errorDetails for more information.",
      errorDetails: {
        inputErrors: [
          {
            description: "count must be between 1 and 50; the recommended value is 10",
            input: { inputPath: { fieldPath: "count" } },
            code: "PARAM_INVALID",
          },
        ],
      },
    });
  });

  it.each(["abc", "", "1.5", "1e1", " 10", "0x10", "99999999999999999999", 2.5, true, null])(
    "refuses the non-integer count %j, naming the range",
    (count) => {
      const error = pagingError({ count });
      expect(error.inputErrors?.[0]?.fieldPath).toBe("count");
      expect(error.inputErrors?.[0]?.description).toBe(
        "count must be an integer between 1 and 50; the recommended value is 10",
      );
    },
  );

  it.each(["-1", "abc", "", "1.5", -3])(
    "refuses start=%j as not a non-negative integer",
    (start) => {
      const error = pagingError({ start });
      expect(error.inputErrors).toEqual([
        {
          fieldPath: "start",
          description: "start must be a non-negative integer",
          code: "PARAM_INVALID",
        },
      ]);
    },
  );

  it("refuses repeated parameters (arrays) with 400 naming the parameter", () => {
    expect(pagingError({ count: ["10", "20"] }).inputErrors?.[0]).toMatchObject({
      fieldPath: "count",
      description: "count must be given once",
    });
    expect(pagingError({ start: ["0", "0"] }).inputErrors?.[0]?.fieldPath).toBe("start");
  });

  it("reports a bad start and a bad count together, one inputError each", () => {
    const error = pagingError({ start: "-5", count: "0" });
    expect(error.inputErrors?.map((e) => e.fieldPath)).toEqual(["start", "count"]);
  });

  it("accepts every count in range and refuses every count outside it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat({ max: 1_000_000 }),
        (count, start) => {
          const inRange = count >= 1 && count <= 50;
          if (inRange) {
            expect(
              parsePaging({ start: String(start), count: String(count) }, EVENT_LIMITS),
            ).toEqual({ start, count });
          } else {
            expect(
              pagingError({ start: String(start), count: String(count) }).inputErrors?.[0]
                ?.fieldPath,
            ).toBe("count");
          }
        },
      ),
    );
  });
});

describe("pagingEnvelope", () => {
  const self =
    "/rest/complianceEvents?q=memberAndApplication&startTime=1698382869085&start=0&count=10";

  it("adds a next link with start moved on by count when more elements exist", () => {
    const { elements, paging } = pagingEnvelope(
      [1, 2],
      { start: 0, count: 10 },
      { hasMore: true, selfHref: self },
    );
    expect(elements).toEqual([1, 2]);
    expect(paging).toEqual({
      start: 0,
      count: 10,
      links: [
        {
          rel: "next",
          type: "application/json",
          href: "/rest/complianceEvents?q=memberAndApplication&startTime=1698382869085&start=10&count=10",
        },
      ],
    });
  });

  it("has no links on a first page with nothing more", () => {
    expect(
      pagingEnvelope([], { start: 0, count: 10 }, { hasMore: false, selfHref: self }).paging.links,
    ).toEqual([]);
  });

  it("adds a prev link after the first page, clamped at 0", () => {
    const href = "/rest/complianceEvents?q=memberAndApplication&start=5&count=10";
    const { paging } = pagingEnvelope(
      [1],
      { start: 5, count: 10 },
      { hasMore: false, selfHref: href },
    );
    expect(paging.links).toEqual([
      {
        rel: "prev",
        type: "application/json",
        href: "/rest/complianceEvents?q=memberAndApplication&start=0&count=10",
      },
    ]);
  });

  it("adds both links in the middle of a collection", () => {
    const href = "/rest/x?start=20&count=10";
    const { paging } = pagingEnvelope(
      [1],
      { start: 20, count: 10 },
      { hasMore: true, selfHref: href },
    );
    expect(paging.links.map((l) => [l.rel, l.href])).toEqual([
      ["prev", "/rest/x?start=10&count=10"],
      ["next", "/rest/x?start=30&count=10"],
    ]);
  });

  it("appends start when the request had none, and keeps other parameters byte for byte", () => {
    const href = "/rest/complianceEvents?q=memberAndApplication&fields=id,activity:(id)&x=a%2Cb+c";
    const { paging } = pagingEnvelope(
      [1],
      { start: 0, count: 10 },
      { hasMore: true, selfHref: href },
    );
    expect(paging.links[0]?.href).toBe(`${href}&start=10`);
  });

  it("adds a query to a bare path", () => {
    const { paging } = pagingEnvelope(
      [1],
      { start: 0, count: 5 },
      { hasMore: true, selfHref: "/rest/x" },
    );
    expect(paging.links[0]?.href).toBe("/rest/x?start=5");
  });

  it("replaces every start parameter by one", () => {
    const { paging } = pagingEnvelope(
      [1],
      { start: 0, count: 5 },
      { hasMore: true, selfHref: "/rest/x?start=0&a=1&start=0" },
    );
    expect(paging.links[0]?.href).toBe("/rest/x?start=5&a=1");
  });

  it("includes total only when given, in LinkedIn's key order", () => {
    const without = pagingEnvelope([], { start: 0, count: 10 }, { hasMore: false, selfHref: self });
    expect("total" in without.paging).toBe(false);
    const withTotal = pagingEnvelope(
      [],
      { start: 0, count: 10 },
      { total: 0, hasMore: false, selfHref: self },
    );
    expect(JSON.stringify(withTotal.paging)).toBe('{"start":0,"count":10,"total":0,"links":[]}');
  });
});
