import { InvalidError } from "../errors.ts";
import type { SubscribeInput } from "./schemas.ts";

// Statuspage's public subscribe endpoint (`POST /api/v2/subscribers.json`) takes
// `subscriber[email]` or `subscriber[endpoint]` (form-encoded, or the same as JSON), and
// optionally the component ids to follow; existing subscribe forms and scripts send exactly that.

type Body = Record<string, unknown>;

function asStrings(value: unknown): string[] {
  if (typeof value === "string")
    return value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value)) return value.flatMap(asStrings);
  return [];
}

const MAX_BODY_BYTES = 20_000;

/** The body as text, read no further than the limit. */
async function readCapped(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new InvalidError("The request body is too large.");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new InvalidError("The request body is too large.");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readBody(request: Request): Promise<Body> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readCapped(request);
  if (type.includes("application/json")) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        const subscriber = (parsed as Body).subscriber;
        return { ...(parsed as Body), ...(subscriber && typeof subscriber === "object" ? (subscriber as Body) : {}) };
      }
    } catch {
      // fall through to the error below
    }
    throw new InvalidError("The body is not a JSON object.");
  }
  const form = new URLSearchParams(text);
  const body: Body = {};
  for (const [key, value] of form) {
    // subscriber[email] → email; subscriber[component_ids][] → component_ids
    const name = key.replace(/^subscriber\[([^\]]+)\]/, "$1").replace(/\[\]$/, "");
    body[name] = name in body ? [...asStrings(body[name]), value] : value;
  }
  return body;
}

/** The subscribe input a Statuspage-style request asks for. */
export async function readPublicSubscribeRequest(request: Request, ip: string): Promise<SubscribeInput> {
  const body = await readBody(request);
  const email = typeof body.email === "string" ? body.email : "";
  const endpoint = typeof body.endpoint === "string" ? body.endpoint : "";
  if (!email && !endpoint) throw new InvalidError("Give subscriber[email] or subscriber[endpoint].", { email: "Required." });
  if (email && endpoint) throw new InvalidError("Give subscriber[email] or subscriber[endpoint], not both.");
  return {
    channel: email ? "email" : "webhook",
    target: email || endpoint,
    componentIds: asStrings(body.component_ids ?? body.components),
    groupIds: [],
    ip,
  };
}
