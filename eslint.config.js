import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/runtime/", "coverage/", "scratch/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The sandbox page runs in the browser.
  { files: ["src/sandbox/web/**/*.js"], languageOptions: { globals: globals.browser, sourceType: "module" } },
);
