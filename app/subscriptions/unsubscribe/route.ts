import { getDb } from "@/lib/db/client.ts";
import { unsubscribe } from "@/lib/subscribers/manage-subscription.ts";
import { withBase } from "@/lib/urls/base-path.ts";

// The List-Unsubscribe address in every mail. Mail clients POST `List-Unsubscribe=One-Click` to it
// (RFC 8058) and expect it done, with no page to read; a person who opens it gets the manage page.

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const removed = await unsubscribe({ db: getDb(), token });
  return new Response(removed ? "Unsubscribed.\n" : "This link is not valid any more.\n", {
    status: removed ? 200 : 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function GET(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return new Response(null, {
    status: 303,
    headers: { location: withBase(`/subscriptions/manage?token=${encodeURIComponent(token)}`), "cache-control": "no-store" },
  });
}
