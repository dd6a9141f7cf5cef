import { describe, expect, it } from "vitest";
import { timelineMarkdown, withTimelineSection } from "./timeline-markdown.ts";

const events = [
  { at: new Date("2024-07-11T20:28:00Z"), text: "issue was acknowledged" },
  { at: new Date("2024-07-11T20:01:00Z"), text: "faulty code deployed" },
  { at: new Date("2024-07-12T00:31:00Z"), text: "permanent fix was deployed" },
];

describe("the timeline as postmortem markdown", () => {
  it("writes each time in the page's zone with UTC beside it, oldest first", () => {
    expect(timelineMarkdown(events, "America/New_York")).toBe(
      [
        "- 2024-07-11 16:01 EDT (20:01 UTC): faulty code deployed",
        "- 2024-07-11 16:28 EDT (20:28 UTC): issue was acknowledged",
        "- 2024-07-11 20:31 EDT (2024-07-12 00:31 UTC): permanent fix was deployed",
      ].join("\n"),
    );
  });

  it("on a page in UTC, writes times as the reference postmortem does", () => {
    expect(timelineMarkdown(events.slice(1, 2), "UTC")).toBe("- 2024-07-11 20:01 (UTC): faulty code deployed");
  });

  it("replaces the Timeline section's content and keeps what follows it, or appends the section", () => {
    const body = "## Summary\n\nIt broke.\n\n## Timeline\n\n- old line\n\n## Follow-up\n\nMore.";
    expect(withTimelineSection(body, events.slice(1, 2), "UTC")).toBe(
      "## Summary\n\nIt broke.\n\n## Timeline\n\n- 2024-07-11 20:01 (UTC): faulty code deployed\n\n## Follow-up\n\nMore.\n",
    );
    expect(withTimelineSection("## Summary\n\nIt broke.\n", events.slice(1, 2), "UTC")).toBe(
      "## Summary\n\nIt broke.\n\n## Timeline\n\n- 2024-07-11 20:01 (UTC): faulty code deployed\n",
    );
    // Inserting twice changes nothing the second time.
    const once = withTimelineSection(body, events, "UTC");
    expect(withTimelineSection(once, events, "UTC")).toBe(once);
  });
});
