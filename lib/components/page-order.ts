import { writeAudit } from "../audit/write-audit.ts";
import type { Actor } from "../auth/actor.ts";
import { notifyPublicChange } from "../cache/public-change.ts";
import type { DbOrTx } from "../db/client.ts";
import { InvalidError, NotFoundError } from "../errors.ts";
import { lockComponents } from "./record-status-change.ts";
import { interleaveTopLevel } from "./top-level-order.ts";

// The page shows groups and ungrouped components in one top-level order (top-level-order.ts), and
// each group's components in their own order. Positions are only an order: gaps and ties are
// harmless, and every move renumbers its siblings 0…n-1.

/** One place in an order: a group, or a component (inside a group, or at the top level). */
export type OrderItem = { kind: "component" | "group"; id: string; name: string; position: number };

export type MoveDirection = "up" | "down";

/**
 * Where an item ended up: `index` counts from 1 among `count` siblings; `moved` is false at an end.
 * `into` names the list a component moved into from another (`group “Platform”`, `top level`).
 */
export type MoveResult = { name: string; index: number; count: number; moved: boolean; into?: string };

const fields = { id: true, name: true, position: true } as const;

/** Serializes reorderings, so that two admins moving at once each renumber the other's result. */
export async function lockPageOrder(tx: DbOrTx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('upstate.component-order'))`;
}

/** Groups and ungrouped components as the public page orders them: by position, ties to components. */
export async function topLevelOrder(tx: DbOrTx): Promise<OrderItem[]> {
  const components = await tx.component.findMany({
    where: { groupId: null },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: fields,
  });
  const groups = await tx.componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: fields });
  return interleaveTopLevel(components, groups).map(({ kind, item }) => ({ kind, ...item }));
}

/** A group's components in order. */
export async function groupOrder(tx: DbOrTx, groupId: string): Promise<OrderItem[]> {
  const components = await tx.component.findMany({
    where: { groupId },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: fields,
  });
  return components.map((c) => ({ kind: "component" as const, ...c }));
}

/** For a form naming a group (null: none) that another admin may have deleted since it loaded. */
export async function assertGroupExists(tx: DbOrTx, groupId: string | null): Promise<void> {
  if (groupId && !(await tx.componentGroup.count({ where: { id: groupId } }))) {
    throw new InvalidError("Some fields need attention.", { groupId: "This group was deleted meanwhile: choose another." });
  }
}

/** The position that puts a new or moved-in item last in a group, or last at the top level (null). */
export async function endPosition(tx: DbOrTx, groupId: string | null): Promise<number> {
  const siblings = groupId ? await groupOrder(tx, groupId) : await topLevelOrder(tx);
  return siblings.reduce((max, item) => Math.max(max, item.position + 1), 0);
}

/** The ids of the components among `items` (not of the groups). */
export function componentIdsOf(items: readonly OrderItem[]): string[] {
  return items.filter((item) => item.kind === "component").map((item) => item.id);
}

/** Gives `items` the positions 0…n-1 in their order, writing only the rows whose position changes. */
export async function writeOrder(tx: DbOrTx, items: readonly OrderItem[]): Promise<void> {
  // The components first, in the order every writer of several components locks them.
  await lockComponents(tx, componentIdsOf(items.filter((item, position) => item.position !== position)));
  for (const [position, item] of items.entries()) {
    if (item.position === position) continue;
    const where = { where: { id: item.id }, data: { position } };
    if (item.kind === "component") await tx.component.update(where);
    else await tx.componentGroup.update(where);
  }
}

/**
 * Moves the item `target` one place up or down among `siblings` (see placeAmong). At an end,
 * nothing changes.
 */
export async function moveAmong(
  tx: DbOrTx,
  options: {
    actor: Actor;
    siblings: OrderItem[];
    target: Pick<OrderItem, "kind" | "id">;
    direction: MoveDirection;
    scope: string;
  },
): Promise<MoveResult> {
  const from = indexOf(options.siblings, options.target);
  return placeAmong(tx, { ...options, index: options.direction === "up" ? from - 1 : from + 1, clamp: false });
}

function indexOf(siblings: OrderItem[], target: Pick<OrderItem, "kind" | "id">): number {
  const from = siblings.findIndex((item) => item.kind === target.kind && item.id === target.id);
  if (from < 0) throw new NotFoundError("This item is no longer on the page: reload it.");
  return from;
}

/**
 * Puts the item `target` at `index` (from 0) among `siblings`, the others keeping their order,
 * renumbers them, and records the move (audit row and public-cache notice) in the caller's
 * transaction. An index past an end means that end when `clamp` is set, else nothing changes.
 */
export async function placeAmong(
  tx: DbOrTx,
  options: {
    actor: Actor;
    siblings: OrderItem[];
    target: Pick<OrderItem, "kind" | "id">;
    index: number;
    scope: string;
    clamp?: boolean;
  },
): Promise<MoveResult> {
  const { siblings } = options;
  const from = indexOf(siblings, options.target);
  const target = siblings[from]!;
  const last = siblings.length - 1;
  const to = options.clamp === false ? options.index : Math.min(Math.max(options.index, 0), last);
  if (to < 0 || to > last || to === from) return { name: target.name, index: from + 1, count: siblings.length, moved: false };
  const reordered = siblings.filter((_, i) => i !== from);
  reordered.splice(to, 0, target);
  await writeOrder(tx, reordered);
  const names = (items: OrderItem[]) => items.map((item) => item.name);
  await writeAudit(tx, {
    actor: options.actor,
    action: target.kind === "component" ? "component.moved" : "component_group.moved",
    targetType: target.kind === "component" ? "component" : "component_group",
    targetId: target.id,
    before: { scope: options.scope, position: from, order: names(siblings) },
    after: { scope: options.scope, position: to, order: names(reordered) },
  });
  await notifyPublicChange(tx, { all: true });
  return { name: target.name, index: to + 1, count: siblings.length, moved: true };
}

/** One order a component can be in: a group's (`groupId`) or the top level's (null). */
export type ComponentList = { groupId: string | null; siblings: OrderItem[]; scope: string };

/**
 * Moves the component `componentId` out of its order (`from`) into another (`into`) at `index`
 * (from 0; past the end is last), renumbering both, and records the move (audit row and
 * public-cache notice) in the caller's transaction. Its version goes up: an editor opened before
 * still names the old group, and must not quietly put it back.
 */
export async function placeIntoList(
  tx: DbOrTx,
  options: { actor: Actor; componentId: string; from: ComponentList; into: ComponentList; index: number },
): Promise<MoveResult> {
  const { from, into } = options;
  const fromIndex = indexOf(from.siblings, { kind: "component", id: options.componentId });
  const target = from.siblings[fromIndex]!;
  // Every component of both orders at once, in the order every writer of several components
  // locks them: the two writeOrder calls below would take them in two steps.
  await lockComponents(tx, componentIdsOf([...from.siblings, ...into.siblings]));
  await writeOrder(
    tx,
    from.siblings.filter((_, i) => i !== fromIndex),
  );
  const to = Math.min(Math.max(options.index, 0), into.siblings.length);
  const reordered = [...into.siblings];
  // No position yet in its new order: writeOrder gives it one.
  reordered.splice(to, 0, { ...target, position: -1 });
  await tx.component.update({ where: { id: target.id }, data: { groupId: into.groupId, version: { increment: 1 } } });
  await writeOrder(tx, reordered);
  const names = (items: OrderItem[]) => items.map((item) => item.name);
  await writeAudit(tx, {
    actor: options.actor,
    action: "component.moved",
    targetType: "component",
    targetId: target.id,
    before: { scope: from.scope, position: fromIndex, order: names(from.siblings) },
    after: { scope: into.scope, position: to, order: names(reordered) },
  });
  await notifyPublicChange(tx, { all: true });
  return { name: target.name, index: to + 1, count: reordered.length, moved: true, into: into.scope };
}
