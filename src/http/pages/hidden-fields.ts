import { escapeAttribute } from "./escape-html.js";

/** The form field that carries the CSRF token on every POST form of these pages. */
export const CSRF_FIELD_NAME = "csrf_token";

/** `<input type="hidden">` for each field, in insertion order; names and values escaped. */
export function renderHiddenFields(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([name, value]) => hiddenInput(name, value))
    .join("\n");
}

/** The hidden CSRF field. */
export function renderCsrfField(csrfToken: string): string {
  return hiddenInput(CSRF_FIELD_NAME, csrfToken);
}

function hiddenInput(name: string, value: string): string {
  return `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`;
}
