import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../../tests/support/field-errors.ts";
import {
  decodeCreateComponent,
  decodeEditComponent,
  decodeMove,
  decodePlace,
  decodeSetComponentStatus,
  decodeSetComponentStatuses,
} from "./component-forms.ts";
import {
  decodeEditIncident,
  decodeEditUpdate,
  decodeNewIncident,
  decodePastIncident,
  decodePostUpdate,
  decodeResolveIncident,
} from "./incident-forms.ts";
import { decodeEditMaintenance, decodeScheduleMaintenance, readMaintenanceStep } from "./maintenance-forms.ts";
import { decodeEditTimelineEvent, decodeSavePostmortem } from "./postmortem-forms.ts";
import { decodePageSettings } from "./settings-form.ts";
import { decodeAccessChange, decodeCreateUser } from "./staff-forms.ts";
import { decodeAddTeamChannel } from "./subscriber-forms.ts";
import { decodeSaveTemplate } from "./template-form.ts";

const zone = { timeZone: "Europe/Berlin" };
const longId = "c".repeat(41);

describe("the incident forms' decoders", () => {
  it("a new incident: the component selects become changes (empty ones are no change), times are in the page's zone", () => {
    const input = decodeNewIncident(
      {
        name: "Checkout down",
        status: "investigating",
        impactOverride: "",
        message: "Looking.",
        "component:c1": "major_outage",
        "component:c2": "",
        displayAt: "2024-07-11T22:01",
        deliverNotifications: "yes",
        idempotencyKey: "0123456789abcdef",
      },
      zone,
    );
    expect(input).toEqual({
      name: "Checkout down",
      status: "investigating",
      impactOverride: null,
      message: "Looking.",
      components: [{ componentId: "c1", status: "major_outage" }],
      displayAt: new Date("2024-07-11T20:01:00Z"),
      deliverNotifications: true,
    });
  });

  it("an error about one component's change shows at that component's select, with the others at theirs", () => {
    expect(
      fieldErrorsOf(() =>
        decodeNewIncident({ status: "investigating", message: "", [`component:${longId}`]: "major_outage" }, zone),
      ),
    ).toMatchObject({
      name: "Give the incident a name.",
      message: "Write a message for the public.",
      [`component:${longId}`]: expect.any(String),
    });
    expect(
      fieldErrorsOf(() =>
        decodePostUpdate({ incidentId: "i1", status: "identified", message: "x", "component:c1": "on_fire" }, zone),
      ),
    ).toEqual({
      "component:c1": "Choose a component status.",
    });
  });

  it("an unticked notify box is false: the form says so by leaving it out", () => {
    const input = decodePostUpdate({ incidentId: "i1", status: "identified", message: "Found it." }, zone);
    expect(input).toMatchObject({ deliverNotifications: false, components: [] });
    expect(input.displayAt).toBeUndefined();
  });

  it("a past incident without its times reports them with the write's messages, together with the rest", () => {
    expect(fieldErrorsOf(() => decodePastIncident({ name: "", message: "Was down.", startedAt: "" }, zone))).toEqual({
      name: "Give the incident a name.",
      startedAt: "Enter a date and time.",
      resolvedAt: "Enter a date and time.",
    });
  });

  it("resolving keeps the components whose box is ticked", () => {
    expect(decodeResolveIncident({ incidentId: "i1", message: "Fixed.", "keep:c1": "on", "keep:c2": "on" }, zone)).toMatchObject({
      keepComponentIds: ["c1", "c2"],
    });
  });

  it("editing an update needs its time and its version", () => {
    expect(
      fieldErrorsOf(() => decodeEditUpdate({ updateId: "u1", version: "3", message: "Text.", displayAt: "" }, zone)),
    ).toEqual({
      displayAt: "Enter the time to show.",
    });
    expect(
      fieldErrorsOf(() => decodeEditUpdate({ updateId: "u1", message: "Text.", displayAt: "2024-07-11T22:01" }, zone)),
    ).toEqual({
      version: "Reload the page: the form is missing its version.",
    });
  });

  it("editing an incident: the empty impact choice is none", () => {
    expect(decodeEditIncident({ incidentId: "i1", version: "2", name: "Renamed", impactOverride: "" })).toEqual({
      incidentId: "i1",
      version: 2,
      name: "Renamed",
      impactOverride: null,
    });
  });
});

describe("the postmortem page's decoders", () => {
  it("a first draft has no version yet", () => {
    expect(decodeSavePostmortem({ incidentId: "i1", version: "", body: "What happened." })).toEqual({
      incidentId: "i1",
      version: null,
      body: "What happened.",
    });
  });

  it("a timeline event's version is the instant it was loaded, in milliseconds", () => {
    expect(
      decodeEditTimelineEvent(
        { eventId: "t1", version: "1720728060000", at: "2024-07-11T22:01", kind: "detected", text: "Paged." },
        zone,
      ),
    ).toEqual({
      eventId: "t1",
      loadedAt: new Date(1720728060000),
      at: new Date("2024-07-11T20:01:00Z"),
      kind: "detected",
      text: "Paged.",
    });
    expect(
      fieldErrorsOf(() => decodeEditTimelineEvent({ eventId: "t1", version: "1", at: "", kind: "", text: "" }, zone)),
    ).toEqual({
      at: "Enter when it happened.",
      kind: "Choose what happened.",
    });
  });
});

describe("the components page's decoders", () => {
  it("status, new component, edit: ids, versions and the empty group choice", () => {
    expect(decodeSetComponentStatus({ componentId: "c1", status: "degraded_performance" })).toEqual({
      componentId: "c1",
      status: "degraded_performance",
      deliverNotifications: false,
    });
    expect(decodeCreateComponent({ name: "API", groupId: "" })).toEqual({ name: "API", description: "", groupId: null });
    expect(fieldErrorsOf(() => decodeEditComponent({ componentId: "c1", version: "x", name: "" }))).toEqual({
      version: "Reload the page: the form is missing its version.",
      name: "Enter a name.",
    });
  });

  it("edit: the two public-page boxes are true when ticked, false when absent", () => {
    const edit = { componentId: "c1", version: "2", name: "API", groupId: "" };
    expect(decodeEditComponent({ ...edit, showUptime: "on" })).toMatchObject({ showUptime: true, hideWhileOperational: false });
    expect(decodeEditComponent({ ...edit, hideWhileOperational: "on" })).toMatchObject({
      showUptime: false,
      hideWhileOperational: true,
    });
  });

  it("bulk status: the ticked components and groups, and the field an empty choice names", () => {
    expect(
      decodeSetComponentStatuses({ "bulk:c1": "on", "bulk:c2": "on", "bulkgroup:g1": "on", status: "partial_outage" }),
    ).toEqual({ componentIds: ["c1", "c2"], groupIds: ["g1"], status: "partial_outage", deliverNotifications: false });
    expect(fieldErrorsOf(() => decodeSetComponentStatuses({ "bulk:c1": "on", status: "" }))).toEqual({
      status: "Choose a status.",
    });
    expect(fieldErrorsOf(() => decodeSetComponentStatuses({ status: "major_outage" }))).toEqual({
      componentIds: "Choose at least one component.",
    });
  });

  it("a move is a group's when the button carries a group", () => {
    expect(decodeMove({ groupId: "g1", direction: "up" })).toEqual({ kind: "group", input: { groupId: "g1", direction: "up" } });
    expect(decodeMove({ groupId: "", componentId: "c1", direction: "down" })).toEqual({
      kind: "component",
      input: { componentId: "c1", direction: "down" },
    });
  });

  it("a drop or Move to group: a place, and the group a component goes into (empty: none; absent: its own)", () => {
    expect(decodePlace({ componentId: "c1", index: "2" })).toEqual({ kind: "component", input: { componentId: "c1", index: 2 } });
    expect(decodePlace({ componentId: "c1", index: "0", toGroupId: "g2" })).toEqual({
      kind: "component",
      input: { componentId: "c1", index: 0, toGroupId: "g2" },
    });
    expect(decodePlace({ componentId: "c1", toGroupId: "" })).toEqual({
      kind: "component",
      input: { componentId: "c1", toGroupId: null },
    });
    expect(decodePlace({ groupId: "g1", index: "1" })).toEqual({ kind: "group", input: { groupId: "g1", index: 1 } });
    expect(fieldErrorsOf(() => decodePlace({ componentId: "c1", index: "-1" }))).toEqual({ index: "Choose a place." });
    expect(fieldErrorsOf(() => decodePlace({ groupId: "g1" }))).toEqual({ index: "Choose a place." });
  });
});

describe("the maintenance forms' decoders", () => {
  const window = { name: "Upgrade", scheduledFor: "2030-01-01T02:00", scheduledUntil: "2030-01-01T04:00", message: "Upgrading." };

  it("schedule: ticked components, the automatic boxes and the reminder", () => {
    expect(
      decodeScheduleMaintenance(
        { ...window, "affects:c1": "on", "affects:c2": "on", autoStart: "on", remindBeforeMinutes: "none" },
        zone,
      ),
    ).toEqual({
      name: "Upgrade",
      scheduledFor: new Date("2030-01-01T01:00:00Z"),
      scheduledUntil: new Date("2030-01-01T03:00:00Z"),
      componentIds: ["c1", "c2"],
      autoStart: true,
      autoComplete: false,
      message: "Upgrading.",
      deliverNotifications: false,
      remindBeforeMinutes: null,
    });
  });

  it("an error about one affected component shows at its box; the window's own rules at their fields", () => {
    expect(
      fieldErrorsOf(() =>
        decodeEditMaintenance(
          { ...window, incidentId: "m1", version: "1", scheduledUntil: "2030-01-01T01:00", [`affects:${longId}`]: "on" },
          zone,
        ),
      ),
    ).toMatchObject({ scheduledUntil: "The end must be after the start.", [`affects:${longId}`]: expect.any(String) });
  });

  it("the list's quick buttons are start or complete", () => {
    expect(readMaintenanceStep({ intent: "complete" })).toBe("complete");
    expect(() => readMaintenanceStep({ intent: "cancel" })).toThrow("Choose what to do.");
  });
});

describe("the settings, staff, subscribers and templates decoders", () => {
  it("settings: each ticked channel box, in the channels' order", () => {
    expect(
      decodePageSettings({
        version: "4",
        name: "Acme",
        timeZone: "UTC",
        brandColor: "#112233",
        "channel:slack": "on",
        "channel:email": "on",
      }),
    ).toMatchObject({ version: 4, subscribeChannels: ["email", "slack"], publicUrl: "", mailReplyTo: "" });
  });

  it("staff: a new account's role, and each access button's change", () => {
    expect(fieldErrorsOf(() => decodeCreateUser({ email: "ada@example.com", name: "Ada", role: "owner" }))).toEqual({
      role: "Choose a role.",
    });
    expect(decodeAccessChange({ userId: "u1", intent: "make_editor" })).toEqual({
      input: { userId: "u1" },
      change: { kind: "role", role: "editor" },
    });
    expect(() => decodeAccessChange({ userId: "u1", intent: "delete" })).toThrow("Choose what to change.");
  });

  it("a team channel and a template, read and judged by their writes' rules", () => {
    expect(fieldErrorsOf(() => decodeAddTeamChannel({ channel: "slack", url: "https://hooks.slack.com/x", label: "" }))).toEqual({
      label: "Name the channel, such as #incidents.",
    });
    expect(decodeSaveTemplate({ templateId: "", name: "Outage", title: "", status: "", body: "We are looking." })).toEqual({
      templateId: null,
      name: "Outage",
      title: "",
      status: "",
      body: "We are looking.",
    });
    // A postmortem template's form sends no name or status for the incident.
    expect(decodeSaveTemplate({ templateId: "t1", kind: "postmortem", name: "Postmortem", body: "## Summary" })).toEqual({
      templateId: "t1",
      kind: "postmortem",
      name: "Postmortem",
      title: "",
      body: "## Summary",
    });
    expect(fieldErrorsOf(() => decodeSaveTemplate({ kind: "postmortem", name: "PM", title: "Outage", body: "Text" }))).toEqual({
      title: "A postmortem template has no incident name: leave it empty.",
    });
    expect(fieldErrorsOf(() => decodeSaveTemplate({ kind: "incident", name: "PM", body: "Text" }))).toEqual({
      kind: "Choose what the template is for.",
    });
  });
});
