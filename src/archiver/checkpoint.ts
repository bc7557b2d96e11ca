import fs from "node:fs/promises";
import path from "node:path";
import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { CHECKPOINT_FILE } from "./archive-layout.js";
import type { ArchiveState } from "./archive-state.js";
import { writeFileAtomically } from "./durable-files.js";

const CHECKPOINT_FORMAT = "regula-archive-checkpoint/1";

/**
 * `<member dir>/checkpoint.json`: the archive state as of the last durable append. It is a
 * shortcut, not the truth: the day files are. Written only after the records it describes are
 * on disk, so it can lag the archive (after a crash) but never run ahead of it.
 */
const Checkpoint = Type.Object({
  format: Type.Literal(CHECKPOINT_FORMAT),
  member: Type.String(),
  head: Type.Object({ seq: Type.Integer({ minimum: 0 }), hash: Type.String() }),
  cursor: Type.Object({
    processedAtMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    boundaryIds: Type.Array(Type.Integer()),
  }),
  tail: Type.Union([
    Type.Object({ file: Type.String(), bytes: Type.Integer({ minimum: 0 }) }),
    Type.Null(),
  ]),
});
type Checkpoint = Static<typeof Checkpoint>;

export async function readCheckpoint(
  memberDir: string,
  memberUrn: string,
): Promise<ArchiveState | null> {
  const file = path.join(memberDir, CHECKPOINT_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON`);
  }
  if (!Value.Check(Checkpoint, parsed)) throw new Error(`${file} is not a ${CHECKPOINT_FORMAT}`);
  if (parsed.member !== memberUrn) {
    throw new Error(`${file} belongs to ${parsed.member}, not ${memberUrn}`);
  }
  return { head: parsed.head, cursor: parsed.cursor, tail: parsed.tail };
}

export async function writeCheckpoint(
  memberDir: string,
  memberUrn: string,
  state: ArchiveState,
): Promise<void> {
  const checkpoint: Checkpoint = { format: CHECKPOINT_FORMAT, member: memberUrn, ...state };
  await writeFileAtomically(
    path.join(memberDir, CHECKPOINT_FILE),
    `${JSON.stringify(checkpoint, null, 2)}\n`,
  );
}
