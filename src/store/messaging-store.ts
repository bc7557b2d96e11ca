/**
 * The messaging and compliance-event part of the storage port (spec §5–7). Capture runs in
 * one transaction per call under the participants' member locks (design/capture-ordering.md).
 */
export interface MessagingStore {
  /** Placeholder until capture lands (issue 4): the number of stored messages. */
  countMessages(): Promise<number>;
}
