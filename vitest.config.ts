import { playwright } from "@vitest/browser-playwright";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages export their TypeScript sources under this condition, so tests run without a build.
const conditions = ["@ipoffice/source", ...defaultServerConditions];
const browserConditions = ["@ipoffice/source", ...defaultClientConditions];

// Each browser project needs its own provider object (a shared one fails with "Cannot define a nested project").
const chromium = () =>
  playwright({
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  });

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: "unit",
          // Test files share their worker's modules (effect, kysely, the app) instead of importing them afresh: the
          // suite takes about 40% less time. A file that changes process-wide state restores it afterwards.
          isolate: false,
          environment: "node",
          // Embedded databases start from one initialised data directory instead of running initdb each time.
          globalSetup: ["test-support/pglite-template.ts"],
          include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.browser.test.ts", "**/*.e2e.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Pages of the running app in a real Chromium driven by playwright-core (needs /usr/bin/chromium).
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: "e2e",
          environment: "node",
          globalSetup: ["test-support/pglite-template.ts"],
          include: ["apps/*/test/**/*.e2e.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { conditions: browserConditions },
        test: {
          name: "browser",
          include: ["packages/*/test/**/*.browser.test.ts", "apps/*/test/**/*.browser.test.ts"],
          testTimeout: 60_000,
          // Keyboard and debounce timing in a real browser on a loaded 2-core machine: one retry, reported as such.
          retry: 1,
          browser: {
            enabled: true,
            headless: true,
            provider: chromium(),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
