import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { pageTexts } from "./page-texts.ts";

/**
 * The dashboard's page: Preact components in web/, bundled and minified by esbuild when the
 * server first serves them (a few hundred milliseconds, once per process), so `npm install` is
 * the only build step and the page can never be older than the code. Each file is kept with
 * its gzip and an ETag.
 */
export interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export interface WebAssets {
  "index.html": Asset;
  "app.js": Asset;
  "app.css": Asset;
}

const WEB = fileURLToPath(new URL("./web/", import.meta.url));

function asset(type: string, text: string): Asset {
  const body = Buffer.from(text);
  return { type, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"` };
}

async function buildAssets(): Promise<WebAssets> {
  const result = await build({
    entryPoints: { app: `${WEB}main.tsx`, style: `${WEB}style.css` },
    bundle: true,
    minify: true,
    write: false,
    outdir: "/dashboard",
    format: "iife",
    // Phones several years old: Chrome 80 (2020), Safari 14.1 (iOS 14.5, 2021).
    target: ["chrome80", "safari14.1", "firefox78"],
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "silent",
  });
  const output = (name: string) => result.outputFiles.find((file) => file.path.endsWith(name))!.text;
  const js = asset("text/javascript; charset=utf-8", output("app.js"));
  const css = asset("text/css; charset=utf-8", output("style.css"));
  // "<" in the texts could end the script element early: JSON written for an HTML page escapes it.
  const texts = JSON.stringify(pageTexts()).replace(/</g, "\\u003c");
  const html = readFileSync(`${WEB}index.html`, "utf8").replace("__TEXTS__", texts).replaceAll("__JS__", js.etag.slice(1, -1)).replaceAll("__CSS__", css.etag.slice(1, -1));
  return { "index.html": asset("text/html; charset=utf-8", html), "app.js": js, "app.css": css };
}

let built: Promise<WebAssets> | null = null;

export function webAssets(): Promise<WebAssets> {
  built ??= buildAssets().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}
