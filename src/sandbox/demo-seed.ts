import type { SeedDocument } from "./seed-document.js";

/**
 * Public, stable credentials of the demo world (README "Demo credentials"): the same after
 * every reset and restart, so an archiver configured once keeps working. They are stored
 * hashed like any other; they are public, so a server others can reach should run with its
 * own REGULA_SEED.
 */
export const DEMO_CLIENT_SECRET = "rgl_cs_demo-sandbox-secret-not-for-production";
export const DEMO_ADA_TOKEN = "rgl_at_demo-ada-lovelace-compliance-token";

/**
 * The world `npm start` creates in an empty store: one archiving application (with the
 * stable demo secret above), three members with Sales Navigator seats and one without, Ada
 * opted in, and a few threads (two of which Ada takes part in, so she has events).
 * Ids are fixed so the README's commands work as printed.
 */
export const demoSeed = {
  applications: [
    {
      id: "100001",
      name: "Demo Compliance Archiver",
      clientId: "regulademo0001",
      clientSecret: DEMO_CLIENT_SECRET,
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
  // Ada's member token for the demo application (365 days from each reset).
  tokens: [
    {
      application: "100001",
      member: "ada-lovelace",
      token: DEMO_ADA_TOKEN,
      scopes: ["r_compliance_sales_nav"],
    },
  ],
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
} satisfies SeedDocument;
