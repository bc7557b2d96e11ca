import { AppError } from "../../errors.js";

/**
 * Why a capture batch was refused. The store returns these (nothing is written); the domain
 * turns them into API errors, so the store never speaks the API's language.
 */
export type CaptureRefusal =
  | { kind: "unknown-member"; memberId: string }
  | { kind: "unknown-thread"; threadId: string }
  | { kind: "thread-exists"; threadId: string }
  | { kind: "sender-not-participant"; threadId: string; memberId: string };

/** The API error a refusal answers with (the same codes and words as before the split). */
export function captureRefusalError(refusal: CaptureRefusal): AppError {
  switch (refusal.kind) {
    case "unknown-member":
      return new AppError("NOT_FOUND", `No member ${refusal.memberId}`);
    case "unknown-thread":
      return new AppError("NOT_FOUND", `No thread ${refusal.threadId}`);
    case "thread-exists":
      return new AppError("CONFLICT", `Thread ${refusal.threadId} already exists`);
    case "sender-not-participant":
      return new AppError("INVALID_BODY", "The sender is not a participant of this thread");
  }
}
