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
  // The product never imports the development kit (the emulator, the local Bot API and Zalo
  // servers, the sandbox): only the try-out database is loaded from it, by a dynamic import
  // that NODE_ENV=production refuses (src/db/start-database.ts).
  {
    files: ["src/**/*.ts", "conversations/**/*.ts", "jobs/**/*.ts", "models/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/devkit/**", "**/devkit"], message: "The product does not import devkit/: it is for trying dondoc and for tests." }] }],
    },
  },
  // The sandbox page runs in the browser.
  { files: ["devkit/sandbox/web/**/*.js"], languageOptions: { globals: globals.browser, sourceType: "module" } },
);
