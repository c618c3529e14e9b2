import { defineConfig } from "vitest/config";

// Tests import workspace packages from their TypeScript sources (the "@hnb/source" export
// condition), so unit tests never run against a stale build. Two projects: `unit` (each package's
// own tests, in-process and fast: `pnpm test:unit`) and `e2e` (test/: the built CLI, the examples,
// the notebooks' harness and the architecture, which need `pnpm build` first). `pnpm test` runs both.
export default defineConfig({
  resolve: { conditions: ["@hnb/source"] },
  ssr: { resolve: { conditions: ["@hnb/source"] } },
  test: {
    testTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["packages/*/test/**/*.test.ts"] } },
      { extends: true, test: { name: "e2e", include: ["test/**/*.test.ts"] } },
    ],
  },
});
