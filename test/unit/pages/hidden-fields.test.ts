import { describe, expect, it } from "vitest";
import {
  CSRF_FIELD_NAME,
  renderCsrfField,
  renderHiddenFields,
} from "../../../src/http/pages/hidden-fields.js";

describe("hidden fields", () => {
  it("renders one hidden input per field, in insertion order", () => {
    expect(renderHiddenFields({ b: "2", a: "1" })).toBe(
      '<input type="hidden" name="b" value="2">\n<input type="hidden" name="a" value="1">',
    );
  });

  it("renders nothing for no fields", () => {
    expect(renderHiddenFields({})).toBe("");
  });

  it("escapes names and values so neither can leave the attribute", () => {
    expect(renderHiddenFields({ 'x"': '"><b>' })).toBe(
      '<input type="hidden" name="x&quot;" value="&quot;&gt;&lt;b&gt;">',
    );
  });

  it("carries the CSRF token under csrf_token", () => {
    expect(CSRF_FIELD_NAME).toBe("csrf_token");
    expect(renderCsrfField("t")).toBe('<input type="hidden" name="csrf_token" value="t">');
  });
});
