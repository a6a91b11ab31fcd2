/**
 * The Storybook check (`pnpm --filter @ipoffice/ui-components test:storybook`, run by `.ci/run` after the Storybook
 * build): its own vitest configuration, since the root projects leave `*.e2e.test.ts` of packages out.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "storybook",
    root: new URL("..", import.meta.url).pathname,
    include: ["test/storybook.e2e.test.ts"],
    environment: "node",
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
