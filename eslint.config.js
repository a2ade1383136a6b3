import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// The product never imports the development kit (the emulator, the local Bot API and Zalo
// servers, the sandbox): only the try-out database is loaded from it, by a dynamic import
// that NODE_ENV=production refuses (src/db/start-database.ts).
const noDevkit = { group: ["**/devkit/**", "**/devkit"], message: "The product does not import devkit/: it is for trying dondoc and for tests." };

// How dondoc speaks in a chat has one owner each: views in src/messages build the HTML (and escape
// what they insert), src/chat/callback-data.ts the buttons' data, src/chat/parse-mode.ts the parse
// mode. The code that decides what to say only calls them.
const HTML_TAG = "/<\\/?(b|strong|i|em|u|s|code|pre|a|blockquote|tg-spoiler)(\\s[^>]*)?>/";
const speaksThroughTheChatLayer = [
  "error",
  { selector: `Literal[value=${HTML_TAG}]`, message: "HTML is built in src/messages." },
  { selector: `TemplateElement[value.raw=${HTML_TAG}]`, message: "HTML is built in src/messages." },
  { selector: "Property[key.name='callback_data'][value.type!='CallExpression']", message: "Button data comes from a codec in src/chat/callback-data.ts." },
  { selector: "Property[key.name='parse_mode']", message: "The parse mode is set once, by src/chat/parse-mode.ts." },
];

export default tseslint.config(
  { ignores: ["node_modules/", "data/runtime/", "coverage/", "scratch/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts", "conversations/**/*.ts", "jobs/**/*.ts", "models/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDevkit] }] },
  },
  {
    files: ["src/services/**/*.ts", "src/features/**/*.ts", "jobs/**/*.ts", "conversations/**/*.ts"],
    rules: {
      "no-restricted-syntax": speaksThroughTheChatLayer,
      "no-restricted-imports": ["error", { patterns: [noDevkit, { group: ["**/messages/html.ts"], importNames: ["escapeHtml"], message: "Views and translations escape what they insert: build the message in src/messages." }] }],
    },
  },
  // The sandbox page runs in the browser.
  { files: ["devkit/sandbox/web/**/*.js"], languageOptions: { globals: globals.browser, sourceType: "module" } },
);
