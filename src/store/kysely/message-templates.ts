/**
 * How a message's documents are stored: once per message, and the message text once.
 *
 * `activity` and `processedActivity` quote the text twice each (`content.fallback` and
 * `content.content.string`), and `processedActivity` repeats every member of `activity`.
 * Stored, each is a template: the text's JSON string is cut out and marked by TEXT_MARK, and
 * the members `processedActivity` shares with `activity` by ACTIVITY_MARK. Neither mark can
 * occur in JSON.stringify output (it escapes every control character), so expanding a
 * template gives back the exact bytes it was made from. A document stored whole (a world
 * imported or a snapshot taken before migration 0006) is a template without marks.
 */
const TEXT_MARK = "\u0001";
const ACTIVITY_MARK = "\u0002";

/** The keys whose value is the message text; only structure can spell them with quotes. */
const TEXT_KEYS = ['"fallback":', '"string":'] as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface MessageTemplates {
  activityTemplate: string;
  processedActivityTemplate: string;
}

/** Cuts the text (and, from processedActivity, the activity) out of the documents' JSON. */
export function toMessageTemplates(
  text: string,
  activityJson: string,
  processedActivityJson: string,
): MessageTemplates {
  // A text with a lone surrogate is stored with U+FFFD in its place, so it could not be
  // spliced back as it was quoted; such documents are stored whole.
  if (LONE_SURROGATE.test(text)) {
    return { activityTemplate: activityJson, processedActivityTemplate: processedActivityJson };
  }
  const textJson = JSON.stringify(text);
  const cutText = (json: string) =>
    TEXT_KEYS.reduce((out, key) => out.replaceAll(key + textJson, key + TEXT_MARK), json);
  const activityTemplate = cutText(activityJson);
  // processedActivity is `{...activity, "owner~": …}`: the activity's members, then its own.
  const shared = activityJson.slice(0, -1);
  const processedActivityTemplate =
    activityJson.length > 2 && processedActivityJson.startsWith(`${shared},`)
      ? `{${ACTIVITY_MARK}${cutText(processedActivityJson.slice(shared.length))}`
      : cutText(processedActivityJson);
  return { activityTemplate, processedActivityTemplate };
}

/**
 * Writes `textJson` where the marks are. Built by concatenation of slices, which V8 keeps as
 * ropes until the response is written out once: no copy of the text per document.
 */
function fillText(template: string, textJson: string): string {
  let at = template.indexOf(TEXT_MARK);
  if (at < 0) return template;
  let out = "";
  let from = 0;
  while (at >= 0) {
    out += template.slice(from, at) + textJson;
    from = at + 1;
    at = template.indexOf(TEXT_MARK, from);
  }
  return out + template.slice(from);
}

/** The stored activity template expanded back to its JSON; `textJson` is the text's JSON. */
export function expandActivity(textJson: string, activityTemplate: string): string {
  return fillText(activityTemplate, textJson);
}

/** The stored processedActivity template expanded, given the expanded activity JSON. */
export function expandProcessedActivity(
  textJson: string,
  activityJson: string,
  processedActivityTemplate: string,
): string {
  if (!processedActivityTemplate.startsWith(`{${ACTIVITY_MARK}`))
    return fillText(processedActivityTemplate, textJson);
  return activityJson.slice(0, -1) + fillText(processedActivityTemplate.slice(2), textJson);
}
