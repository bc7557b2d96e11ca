import type { Generated } from "kysely";

/** Row types of every table, as Kysely sees them. Column meanings are documented in store.ts. */
export interface Database {
  settings: { key: string; value: string };
  id_counters: { name: string; next_value: number };
  applications: {
    id: number;
    name: string;
    client_id: string;
    client_secret_hash: string;
    redirect_uris: string;
    permissions: string;
    refresh_tokens_enabled_at: number | null;
    client_credentials_enabled_at: number | null;
    created_at: number;
  };
  members: {
    id: string;
    first_name: string;
    last_name: string;
    sales_identity_id: string | null;
    created_at: number;
  };
  access_tokens: {
    token_hash: string;
    application_id: number;
    member_id: string | null;
    auth_type: string;
    scopes: string;
    authorized_at: number;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
    refresh_token_hash: string | null;
    refresh_expires_at: number | null;
    source_code_hash: string | null;
  };
  authorization_codes: {
    code_hash: string;
    application_id: number;
    member_id: string;
    redirect_uri: string;
    scopes: string;
    code_challenge: string | null;
    code_challenge_method: string | null;
    created_at: number;
    expires_at: number;
    used_at: number | null;
  };
  member_grants: { application_id: number; member_id: string; scopes: string; granted_at: number };
  web_sessions: {
    session_hash: string;
    member_id: string;
    csrf_secret: string;
    created_at: number;
    expires_at: number;
  };
  compliance_authorizations: {
    id: Generated<number>;
    application_id: number;
    member_id: string;
    regulated_at: number;
    opt_in_cause: string;
    opted_out_at: number | null;
    opt_out_cause: string | null;
  };
  member_watermarks: { member_id: string; last_processed_at: number };
  threads: {
    id: string;
    creator_member_id: string;
    creator_identity: string;
    subject: string | null;
    created_at: number;
    last_message_at: number;
  };
  thread_participants: {
    thread_id: string;
    member_id: string;
    identity: string;
    joined_at: number;
  };
  messages: {
    id: string;
    seq: number;
    thread_id: string;
    sender_member_id: string;
    author_identity: string;
    mailbox: string;
    kind: string;
    subject: string | null;
    body_text: string;
    attachments: string;
    activity_id: string;
    created_at: number;
    delivered_at: number;
    /** Templates: the text and the repeated activity cut out (kysely/message-templates.ts). */
    activity_json: string;
    processed_activity_json: string;
  };
  compliance_events: {
    id: number;
    application_id: number;
    owner_member_id: string;
    message_id: string;
    actor: string;
    activity_status: string;
    captured_at: number;
    processed_at: number;
  };
  /** A row only inside the transaction that replaces the world (migration 0005). */
  world_replacement: { id: number };
  world_snapshots: {
    name: string;
    table_id: number;
    created_at: number;
    message_count: number;
    event_count: number;
    counters: string;
    columns: string;
  };
}
