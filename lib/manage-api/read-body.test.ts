import { describe, expect, test } from "vitest";
import { MalformedRequestError } from "../errors.ts";
import { decodeNestedForm, readBody } from "./read-body.ts";

const post = (body: string, contentType?: string) =>
  new Request("http://upstate.test/api/v1/pages/upstate/incidents", {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });

describe("reading a write API body", () => {
  test("decodes Statuspage's bracketed form fields into nested objects and lists", () => {
    const form = new URLSearchParams([
      ["incident[name]", "Database down"],
      ["incident[status]", "investigating"],
      ["incident[components][c1]", "major_outage"],
      ["incident[components][c2]", "degraded_performance"],
      ["incident[component_ids][]", "c1"],
      ["incident[component_ids][]", "c2"],
      ["incident[deliver_notifications]", "false"],
    ]).toString();
    expect(decodeNestedForm(form)).toEqual({
      incident: {
        name: "Database down",
        status: "investigating",
        components: { c1: "major_outage", c2: "degraded_performance" },
        component_ids: ["c1", "c2"],
        deliver_notifications: "false",
      },
    });
  });

  test("refuses field names that would reach an object's prototype or contradict each other", () => {
    expect(() => decodeNestedForm("incident[__proto__][x]=1")).toThrow(MalformedRequestError);
    expect(() => decodeNestedForm("incident[name]=a&incident[name][x]=b")).toThrow(MalformedRequestError);
    expect(() => decodeNestedForm("incident[name]=a&incident[name]=b")).toThrow(MalformedRequestError);
    expect(() => decodeNestedForm("incident[][name]=a")).toThrow(MalformedRequestError);
    expect(decodeNestedForm("incident[toString]=x")).toEqual({ incident: { toString: "x" } });
  });

  test("reads JSON, with or without a content type, and refuses what is neither JSON nor a form", async () => {
    expect(await readBody(post('{"incident":{"name":"A"}}', "application/json"))).toEqual({ incident: { name: "A" } });
    expect(await readBody(post('{"incident":{"name":"A"}}'))).toEqual({ incident: { name: "A" } });
    expect(await readBody(post("", "application/json"))).toEqual({});
    await expect(readBody(post("{not json", "application/json"))).rejects.toThrow(MalformedRequestError);
    await expect(readBody(post("<incident/>", "application/xml"))).rejects.toThrow(MalformedRequestError);
  });
});
