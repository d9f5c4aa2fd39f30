// Rule cases: a mutation of baseSpec() and the changes the comparison must report for it, checked
// in-process (the package's compareSpecs; the CLI around it has its own tests).
import { describe, expect, test } from "vitest";
import { compareSpecs, makeSide } from "../../src/index.js";
import type { Change } from "../../src/types.js";
import { baseSpec, clone, type Spec } from "./spec.js";

export interface Expected {
  id: string;
  /** Substring of "<operationId> <location>" of at least one reported change with this id. */
  at?: string;
}

export interface Case {
  name: string;
  change: (spec: Spec) => void;
  /** Changes the released spec as well (for rules that need a starting point baseSpec() lacks). */
  before?: (spec: Spec) => void;
  expect: Expected[];
}

/** The released and current specs of a case. */
export function specs(c: Case): [Spec, Spec] {
  const released = baseSpec();
  c.before?.(released);
  const current = clone(released);
  c.change(current);
  return [released, current];
}

export function expectChanges(changes: Change[], expected: Expected[]): void {
  for (const e of expected) {
    const withId = changes.filter((c) => c.id === e.id);
    const places = withId.map((c) => `${c.operationId} ${c.location}`);
    expect(withId.length, `expected a change ${e.id}; got: ${JSON.stringify(changes.map((c) => [c.id, c.location]))}`).toBeGreaterThan(0);
    if (e.at)
      expect(
        places.some((p) => p.includes(e.at!)),
        `${e.id} at "${e.at}"; reported at: ${places.join("; ")}`,
      ).toBe(true);
  }
}

/** The changes between two specs, in-process. */
export function diff(released: Spec, current: Spec): { breaking: Change[]; nonBreaking: Change[] } {
  const changes = compareSpecs(makeSide("released", "released.json", clone(released)), makeSide("current", "current.json", clone(current)));
  return { breaking: changes.filter((c) => c.breaking), nonBreaking: changes.filter((c) => !c.breaking) };
}

/**
 * The tests of one group of rules: each breaking case reports a breaking change (the expected ones
 * among them), each non-breaking case reports none but the expected non-breaking ones.
 */
export function describeRules(rules: { breaking?: Case[]; nonBreaking?: Case[] }): void {
  const { breaking = [], nonBreaking = [] } = rules;
  if (breaking.length > 0) {
    describe("breaking changes", () => {
      test.each(breaking)("$name", (c) => {
        const found = diff(...specs(c)).breaking;
        expect(found.length, "no breaking change reported").toBeGreaterThan(0);
        expectChanges(found, c.expect);
      });
    });
  }
  if (nonBreaking.length > 0) {
    describe("non-breaking changes", () => {
      test.each(nonBreaking)("$name", (c) => {
        const found = diff(...specs(c));
        expect(found.breaking, "unexpected breaking changes").toEqual([]);
        expectChanges(found.nonBreaking, c.expect);
      });
    });
  }
}
