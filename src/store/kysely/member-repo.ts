import type { Kysely, Selectable } from "kysely";
import type { Member } from "../../domain/records.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type { MemberStore } from "../store.js";
import { insertOrConflict } from "./errors.js";
import { allocateCounterIds } from "./ids.js";
import { inList, listParam, preparedQuery, type Reader } from "./reader.js";

type Row = Selectable<Database["members"]>;

export function toMember(row: Row): Member {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    salesIdentityId: row.sales_identity_id,
    createdAt: Number(row.created_at),
  };
}

export function createMemberRepo(
  db: Kysely<Database>,
  dialect: DialectName,
  read: Reader,
): MemberStore {
  const findById = preparedQuery(
    read,
    db.selectFrom("members").selectAll().where("id", "=", "").compile(),
  );
  const findBySalesIdentity = preparedQuery(
    read,
    db.selectFrom("members").selectAll().where("sales_identity_id", "=", "").compile(),
  );
  const byIdsSql = `SELECT * FROM members WHERE id IN ${inList(dialect, 1)}`;
  return {
    async insert(member) {
      await insertOrConflict("A member with this id or sales identity", () =>
        db
          .insertInto("members")
          .values({
            id: member.id,
            first_name: member.firstName,
            last_name: member.lastName,
            sales_identity_id: member.salesIdentityId,
            created_at: member.createdAt,
          })
          .execute(),
      );
      return member;
    },
    async findById(id) {
      const [row] = await findById([id]);
      return row ? toMember(row) : null;
    },
    async findBySalesIdentity(salesIdentityId) {
      const [row] = await findBySalesIdentity([salesIdentityId]);
      return row ? toMember(row) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = (await read((r) => r(byIdsSql, [listParam(dialect, ids)]))) as Row[];
      return rows.map(toMember);
    },
    async list() {
      const rows = await db.selectFrom("members").selectAll().orderBy("id").execute();
      return rows.map(toMember);
    },
    async allocateSalesIdentityId() {
      return String((await allocateCounterIds(db, "sales_identities", 1))[0]);
    },
  };
}
