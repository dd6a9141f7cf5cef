import { describe, expect, it } from "vitest";
import { interleaveTopLevel } from "./top-level-order.ts";

const names = (entries: { kind: string; item: { name: string } }[]) => entries.map((entry) => `${entry.kind}:${entry.item.name}`);

describe("interleaveTopLevel", () => {
  it("interleaves ungrouped components and groups by position", () => {
    const components = [
      { name: "API", position: 0 },
      { name: "Dashboard", position: 3 },
    ];
    const groups = [
      { name: "Europe", position: 1 },
      { name: "Americas", position: 5 },
    ];
    expect(names(interleaveTopLevel(components, groups))).toEqual([
      "component:API",
      "group:Europe",
      "component:Dashboard",
      "group:Americas",
    ]);
  });

  it("gives a tie to the component and otherwise keeps the order given", () => {
    const components = [
      { name: "B", position: 2 },
      { name: "A", position: 2 },
    ];
    const groups = [
      { name: "Z", position: 2 },
      { name: "Y", position: 0 },
    ];
    expect(names(interleaveTopLevel(components, groups))).toEqual(["group:Y", "component:B", "component:A", "group:Z"]);
  });

  it("is empty for an empty page and does not change its inputs", () => {
    expect(interleaveTopLevel([], [])).toEqual([]);
    const groups = [
      { name: "Late", position: 9 },
      { name: "Early", position: 1 },
    ];
    interleaveTopLevel([], groups);
    expect(groups.map((group) => group.name)).toEqual(["Late", "Early"]);
  });
});
