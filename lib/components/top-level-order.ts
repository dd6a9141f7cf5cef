// The page's top level, as on Statuspage: groups and ungrouped components in one order,
// interleaved by position. Positions are only an order: gaps are harmless, and a tie (a group and
// a component with the same number) goes to the component. The admin's ordering, the status page
// and the Statuspage API all order by this one rule.

/** One place at the top level: an ungrouped component or a group, with what the caller gave. */
export type TopLevelEntry<Component, Group> = { kind: "component"; item: Component } | { kind: "group"; item: Group };

/**
 * Ungrouped components and groups in the page's top-level order: by position, a component before a
 * group at the same position, and otherwise in the order given (callers read each by position, then name).
 */
export function interleaveTopLevel<Component extends { position: number }, Group extends { position: number }>(
  ungroupedComponents: readonly Component[],
  groups: readonly Group[],
): TopLevelEntry<Component, Group>[] {
  const entries: TopLevelEntry<Component, Group>[] = [
    ...ungroupedComponents.map((item) => ({ kind: "component" as const, item })),
    ...groups.map((item) => ({ kind: "group" as const, item })),
  ];
  // Array.prototype.sort is stable: equal positions keep components before groups.
  return entries.sort((a, b) => a.item.position - b.item.position);
}
