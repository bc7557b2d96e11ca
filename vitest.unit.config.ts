import { defineConfig } from "vitest/config";

// The fast suite: pure modules only (no database, no server), for the edit–test loop.
// `npm test` still runs everything, these included.
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    testTimeout: 10_000,
    pool: "threads",
  },
});
