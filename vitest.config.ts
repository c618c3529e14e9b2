import { defineConfig } from "vitest/config";

// Tests import workspace packages from their TypeScript sources (the "@hnb/source" export
// condition), so unit tests never run against a stale build.
export default defineConfig({
  resolve: { conditions: ["@hnb/source"] },
  ssr: { resolve: { conditions: ["@hnb/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/setup.ts"],
  },
});
