import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip.ts";
import { getDb } from "@/lib/db/client.ts";
import { InvalidError } from "@/lib/errors.ts";
import { readPublicSubscribeRequest } from "@/lib/subscribers/public-subscribe-request.ts";
import { subscribe } from "@/lib/subscribers/subscribe.ts";
import { publicUrl } from "@/lib/urls/public-url.ts";

// Statuspage's public subscribe endpoint. An email subscription always answers the same (the
// address gets a confirmation mail, unless it is subscribed already); a webhook gets its signing
// secret and manage link once.

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readPublicSubscribeRequest(request, clientIp(Object.fromEntries(await headers())));
    const result = await subscribe({ db: getDb(), input });
    if (result.channel === "email") {
      return json(201, { subscriber: { mode: "email", email: input.target.trim().toLowerCase(), confirmation_sent: true } });
    }
    return json(201, {
      subscriber: {
        id: result.subscriberId,
        mode: "webhook",
        endpoint: input.target.trim(),
        signing_secret: result.signingSecret,
        manage_url: publicUrl({ path: `/subscriptions/manage?token=${encodeURIComponent(result.manageToken)}` }),
      },
    });
  } catch (error) {
    if (error instanceof InvalidError) {
      const [field, problem] = Object.entries(error.fieldErrors)[0] ?? [];
      return json(422, { error: field ? `${field === "target" ? "subscriber" : field}: ${problem}` : error.message });
    }
    console.error("[upstate] subscribe failed", error);
    return json(500, { error: "Something went wrong; nobody was subscribed. Try again." });
  }
}
