import { execFileSync } from "node:child_process";
import { simpleParser } from "mailparser";

/** Whether this machine has Python 3 with its `email` package (else those tests are skipped). */
export const hasPython = (() => {
  try {
    execFileSync("python3", ["-c", "import email.policy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** What Python 3's `email` (policy.default) reads from a message file: defects and headers. */
export interface PythonView {
  defects: string[];
  partDefects: string[];
  headers: Record<string, string>;
  body: string;
}

const SCRIPT = `
import sys, json, email
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
part_defects = [str(d) for p in msg.walk() for d in p.defects if p is not msg]
for p in msg.walk():
    for k, v in p.items():
        part_defects += [str(d) for d in getattr(v, 'defects', [])]
body = msg.get_body(preferencelist=('plain',))
print(json.dumps({
  'defects': [str(d) for d in msg.defects],
  'partDefects': part_defects,
  'headers': {k: str(v) for k, v in msg.items()},
  'body': body.get_content() if body is not None else '',
}))
`;

export function readWithPython(file: string): PythonView {
  return JSON.parse(execFileSync("python3", ["-c", SCRIPT, file], { encoding: "utf8" }));
}

export async function readWithMailparser(content: Buffer) {
  return simpleParser(content, { skipHtmlToText: true, skipTextToHtml: true });
}
