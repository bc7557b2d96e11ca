import type { Application, Member } from "../domain/records.js";
import { notFound } from "../errors.js";
import type { Store } from "../store/store.js";
import { idFromRef } from "../urn.js";

/** The application named by its numeric id or its `urn:li:developerApplication` URN; 404 otherwise. */
export async function findApplicationByRef(store: Store, ref: string): Promise<Application> {
  const id = idFromRef(ref, "developerApplication");
  const application = /^[0-9]{1,15}$/.test(id) ? await store.applications.findById(id) : null;
  if (!application) throw notFound(`No application ${ref}`);
  return application;
}

/** The member named by their person id or `urn:li:person` URN; 404 otherwise. */
export async function findMemberByRef(store: Store, ref: string): Promise<Member> {
  const member = await store.members.findById(idFromRef(ref, "person"));
  if (!member) throw notFound(`No member ${ref}`);
  return member;
}
