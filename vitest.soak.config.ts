import { defineConfig } from "vitest/config";

// The soak suite (`npm run test:soak`): long kill -9 runs, kept out of `npm test`, whose
// include (`*.test.ts`) never matches these `*.soak.ts` files.
export default defineConfig({
  test: {
    include: ["test/**/*.soak.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One store at a time: the write-rate figure means something only without a sibling run.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
