import { describe, expect, it } from "vitest";
import {
  ConflictError,
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForbiddenError,
  InvalidError,
  MalformedRequestError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from "../errors.ts";
import { jsonErrorResponse, withJsonErrors } from "./json-errors.ts";

async function read(response: Response) {
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
}

describe("jsonErrorResponse", () => {
  it("maps the error vocabulary to status codes and a JSON error", async () => {
    expect(await read(jsonErrorResponse(new MalformedRequestError("The body is not a form.")))).toMatchObject({
      status: 400,
      body: { error: "The body is not a form." },
    });
    expect((await read(jsonErrorResponse(new SyntaxError("Unexpected token")))).status).toBe(400);
    expect(
      await read(jsonErrorResponse(new InvalidError("Some fields need attention.", { "incident.name": "Enter a name." }))),
    ).toEqual({
      status: 422,
      body: { error: "Some fields need attention. incident.name: Enter a name.", fields: { "incident.name": "Enter a name." } },
      retryAfter: null,
    });
    expect((await read(jsonErrorResponse(new UnauthorizedError("No key.")))).status).toBe(401);
    expect((await read(jsonErrorResponse(new ForbiddenError("No scope.")))).status).toBe(403);
    expect((await read(jsonErrorResponse(new NotFoundError("Gone.")))).status).toBe(404);
    expect(await read(jsonErrorResponse(new ConflictError("Changed.", 7)))).toMatchObject({
      status: 409,
      body: { error: "Changed.", current_version: 7 },
    });
    expect(await read(jsonErrorResponse(new RateLimitedError("Slow down.", 12)))).toMatchObject({
      status: 429,
      retryAfter: "12",
    });
    expect(await read(jsonErrorResponse(new DatabaseBusyError()))).toMatchObject({ status: 503, retryAfter: "2" });
    expect(await read(jsonErrorResponse(new DatabaseUnavailableError()))).toMatchObject({ status: 503, retryAfter: "15" });
  });

  it("answers anything else with a 500 that does not leak its message", async () => {
    const response = await read(jsonErrorResponse(new Error("password=hunter2 at db.internal")));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain("hunter2");
  });

  it("withJsonErrors turns what a handler throws into the response", async () => {
    const handler = withJsonErrors(async (id: string) => {
      if (id === "missing") throw new NotFoundError("No such incident.");
      return Response.json({ id });
    });
    expect((await handler("missing")).status).toBe(404);
    expect(await (await handler("i1")).json()).toEqual({ id: "i1" });
  });
});
