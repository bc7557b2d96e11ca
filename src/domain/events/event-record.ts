/**
 * A stored compliance event with the documents of its message, as the store reads it back.
 * The domain owns the shape; the store fills it from its rows.
 */
export interface ComplianceEventRecord {
  id: number;
  applicationId: string;
  ownerMemberId: string;
  actor: string;
  messageId: string;
  activityId: string;
  activityStatus: string;
  capturedAt: number;
  processedAt: number;
  activityJson: string;
  processedActivityJson: string;
  siblingsJson: string;
}
