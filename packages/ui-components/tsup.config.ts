import { defineConfig } from "tsup";

export default defineConfig({
  // The main entry (no side effects), one entry per registration file, and the Node-only server renderer.
  entry: [
    "src/index.ts",
    "src/ipo-class-status-list.ts",
    "src/ipo-nice-term-picker.ts",
    "src/ipo-status-badge.ts",
    "src/ssr.ts",
  ],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
