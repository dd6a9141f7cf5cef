import { describe, expect, it } from "vitest";
import { deriveShape, shapeProblems } from "./json-shape.ts";

const shape = deriveShape([
  { id: "a", list: [{ x: 1, y: null }], maybe: true },
  { id: "b", list: [{ x: 2, y: null, z: "s" }] },
]);

describe("shapeProblems (the fixture-shape check itself)", () => {
  it("accepts a value that fits, with optional keys left out and null-only fields filled", () => {
    expect(shapeProblems({ id: "c", list: [{ x: 3, y: "2024-01-01" }] }, shape)).toEqual([]);
  });

  it("reports extra, missing and retyped keys, at any depth", () => {
    expect(shapeProblems({ id: 1, list: [{ y: null, extra: 1 }], other: 0 }, shape)).toEqual([
      "$.id: is number, the fixtures have string",
      "$.list[0].extra: not in the fixtures",
      "$.list[0].x: missing",
      "$.other: not in the fixtures",
    ]);
  });

  it("refuses array elements it has no sample for", () => {
    expect(shapeProblems({ items: [1] }, deriveShape([{ items: [] }]))).toEqual([
      "$.items: the fixtures have no element to compare with",
    ]);
  });
});
