import type { StorybookConfig } from "@storybook/web-components-vite";
import { defaultClientConditions } from "vite";

const config: StorybookConfig = {
  // The trainers' pages (MDX, one per component) beside the stories they show.
  stories: ["../stories/**/*.mdx", "../stories/**/*.stories.ts"],
  framework: { name: "@storybook/web-components-vite", options: {} },
  // Docs pages (MDX and the props tables) and the accessibility panel (axe on the open story). The Actions and
  // Interactions panels are part of Storybook itself.
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y"],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Workspace packages export their TypeScript sources under the "@ipoffice/source" condition: resolve it first so
  // the stories run from source without a build.
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ["@ipoffice/source", ...defaultClientConditions];
    // The docs renderer and axe are large by nature; the Storybook is a static site for trainers, not an app bundle.
    viteConfig.build ??= {};
    viteConfig.build.chunkSizeWarningLimit = 2048;
    return viteConfig;
  },
};

export default config;
