import type { StorybookConfig } from "@storybook/web-components-vite";
import { defaultClientConditions } from "vite";

const config: StorybookConfig = {
  stories: ["../stories/**/*.stories.ts"],
  framework: { name: "@storybook/web-components-vite", options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Workspace packages export their TypeScript sources under the "@ipoffice/source" condition: resolve it first so
  // the stories run from source without a build.
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ["@ipoffice/source", ...defaultClientConditions];
    return viteConfig;
  },
};

export default config;
