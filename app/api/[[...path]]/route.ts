import { apiError, preflightResponse } from "@/lib/public-api/http.ts";

// Any /api path no route claims: a JSON 404 that API clients can parse, not the HTML 404 page.
export const dynamic = "force-dynamic";

const notFound = () => apiError(404, "There is no such API endpoint. See /api/v2/summary.json.");

export { notFound as DELETE, notFound as GET, notFound as HEAD, notFound as PATCH, notFound as POST, notFound as PUT };
export const OPTIONS = preflightResponse;
