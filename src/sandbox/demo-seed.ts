import type { SeedDocument } from "./seed-document.js";

/**
 * The world `npm start` creates in an empty store: one archiving application (its secret is
 * generated and printed once), three members with Sales Navigator seats and one without, Ada
 * opted in, and a few threads (two of which Ada takes part in, so she has events).
 * Ids are fixed so the README's commands work as printed.
 */
export const demoSeed: SeedDocument = {
  applications: [
    {
      id: "100001",
      name: "Demo Compliance Archiver",
      clientId: "regulademo0001",
      // The last two are this server's own callback page (GET /callback) on the default port.
      redirectUris: [
        "http://localhost:3000/callback",
        "http://127.0.0.1:8080/callback",
        "http://localhost:8080/callback",
      ],
      permissions: ["r_compliance_sales_nav"],
      refreshTokens: false,
      clientCredentials: true,
    },
  ],
  members: [
    {
      id: "ada-lovelace",
      firstName: "Ada",
      lastName: "Lovelace",
      salesNavigator: true,
      salesIdentityId: "334326",
    },
    {
      id: "grace-hopper",
      firstName: "Grace",
      lastName: "Hopper",
      salesNavigator: true,
      salesIdentityId: "334327",
    },
    {
      id: "alan-turing",
      firstName: "Alan",
      lastName: "Turing",
      salesNavigator: true,
      salesIdentityId: "334328",
    },
    { id: "edsger-dijkstra", firstName: "Edsger", lastName: "Dijkstra", salesNavigator: false },
  ],
  authorizations: [{ application: "100001", member: "ada-lovelace" }],
  messages: [
    {
      from: "urn:li:person:ada-lovelace",
      to: ["urn:li:person:grace-hopper"],
      subject: "Q4 portfolio review",
      text: "Hi Grace, do you have 20 minutes on Thursday to go through the Q4 portfolio?",
      inMail: true,
    },
    {
      from: "urn:li:person:alan-turing",
      to: ["urn:li:person:ada-lovelace"],
      text: "Ada, the term sheet is attached. Comments welcome before Friday.",
      attachments: [{ name: "term-sheet.pdf", mediaType: "application/pdf", byteSize: 48213 }],
    },
    {
      from: "urn:li:person:grace-hopper",
      to: ["urn:li:person:alan-turing"],
      text: "Alan, lunch next week? Nothing to do with Ada's review.",
    },
  ],
};
