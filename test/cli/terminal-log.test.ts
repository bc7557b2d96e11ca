import { describe, expect, it } from "vitest";
import { formatLogLine, terminalLogStream } from "../../src/cli/terminal-log.js";

const requestLine = JSON.stringify({
  level: 30,
  time: Date.parse("2026-12-03T14:02:07.123Z"),
  pid: 1,
  hostname: "h",
  reqId: "req-7",
  req: { method: "GET", url: "/rest/complianceEvents?code=REDACTED", host: "x" },
  res: { statusCode: 200 },
  responseTime: 3.2,
  msg: "request completed",
});

describe("terminal log lines", () => {
  it("a request is one readable line: time, level, method, URL, status, duration", () => {
    expect(formatLogLine(requestLine)).toBe(
      "14:02:07.123 INFO  GET /rest/complianceEvents?code=REDACTED 200 3.2 ms",
    );
  });

  it("other lines keep their message and extra fields; what is not JSON passes as is", () => {
    const line = JSON.stringify({ level: 40, time: 0, msg: "slow store", ms: 812 });
    expect(formatLogLine(line)).toBe("00:00:00.000 WARN  slow store ms=812");
    expect(formatLogLine("not json")).toBe("not json");
  });

  it("the stream formats whole lines even when pino's writes split them", async () => {
    let out = "";
    const stream = terminalLogStream({ write: (text: string) => (out += text) });
    const write = (text: string) =>
      new Promise<void>((resolve) => stream.write(text, () => resolve()));
    await write(requestLine.slice(0, 20));
    expect(out).toBe("");
    await write(`${requestLine.slice(20)}\n`);
    expect(out).toBe("14:02:07.123 INFO  GET /rest/complianceEvents?code=REDACTED 200 3.2 ms\n");
  });
});
