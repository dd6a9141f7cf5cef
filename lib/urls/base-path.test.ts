import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT_DIR } from "../config.ts";
import { basePathOf } from "./base-path.ts";

const cases: [string | undefined, string][] = [
  [undefined, ""],
  ["", ""],
  ["https://status.example.com", ""],
  ["https://status.example.com/", ""],
  ["https://example.com/status", "/status"],
  ["https://example.com/status/", "/status"],
  ["https://example.com//a//b/", "/a/b"],
];

describe("basePathOf", () => {
  it.each(cases)("%s is served under %j", (publicUrl, expected) => {
    expect(basePathOf(publicUrl)).toBe(expected);
  });

  it("is the rule next.config.js builds the app with", async () => {
    const saved = process.env.PUBLIC_URL;
    try {
      for (const [i, [publicUrl, expected]] of cases.entries()) {
        if (publicUrl === undefined) delete process.env.PUBLIC_URL;
        else process.env.PUBLIC_URL = publicUrl;
        const url = `${pathToFileURL(`${ROOT_DIR}/next.config.js`).href}?case=${i}`;
        const { default: config } = (await import(url)) as { default: { basePath: string; env: Record<string, string> } };
        expect(config.basePath).toBe(expected);
        expect(config.env.UPSTATE_BASE_PATH).toBe(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = saved;
    }
  });
});
