import { type NextRequest, NextResponse } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { isAcceptableCallbackUrl } from "@/lib/auth/safe-callback-url.ts";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions);

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** The callback URLs a request carries: in its query, its form or JSON body, and its cookie. */
async function callbackUrls(req: NextRequest): Promise<{ value: unknown; cookie?: string }[]> {
  const found: { value: unknown; cookie?: string }[] = req.nextUrl.searchParams.getAll("callbackUrl").map((value) => ({ value }));
  for (const name of CALLBACK_COOKIES) {
    const cookie = req.cookies.get(name);
    if (cookie) found.push({ value: cookie.value, cookie: name });
  }
  if (req.method === "POST") {
    const type = req.headers.get("content-type") ?? "";
    const text = await req.clone().text();
    if (type.includes("application/json")) {
      try {
        const body = JSON.parse(text) as unknown;
        if (body && typeof body === "object" && "callbackUrl" in body) found.push({ value: body.callbackUrl });
      } catch {
        // next-auth reads the body itself and refuses what it cannot parse.
      }
    } else if (type.includes("application/x-www-form-urlencoded")) {
      const form = new URLSearchParams(text);
      if (form.has("callbackUrl")) found.push({ value: form.get("callbackUrl") });
    }
  }
  return found;
}

/**
 * next-auth, behind a check of every callback URL: one that is neither a path nor an http(s) URL
 * gets a 400 here. Left to next-auth, those answered 500 (a sign-out POST with
 * `callbackUrl=javascript:…` fails its configuration check; text that is no URL threw in its
 * redirect callback). What passes is sent within the site by `sameSiteRedirect`. A bad callback
 * cookie is cleared with the 400, so the next attempt works.
 */
async function guarded(req: NextRequest, context: Context) {
  const unsafe = (await callbackUrls(req)).filter((found) => !isAcceptableCallbackUrl(found.value));
  if (unsafe.length > 0) {
    const response = NextResponse.json({ message: "callbackUrl must be a path or an http(s) URL." }, { status: 400 });
    for (const found of unsafe) {
      if (found.cookie)
        response.cookies.set(found.cookie, "", { path: "/", maxAge: 0, secure: found.cookie.startsWith("__Secure-") });
    }
    return response;
  }
  return handler(req, context);
}

export { guarded as GET, guarded as POST };
