import type { ComponentType } from 'react';

/** What a layout gives each view: its (decoded) data and the pixels it may fill. */
export interface ViewProps<D> {
  data: D;
  width: number;
  height: number;
}

/**
 * One view type: `parse` checks the decoded figure data (ndarrays already `NdArray`s) and throws
 * an Error naming the field and the expectation; `Component` draws it.
 */
export interface ViewDefinition<D = unknown> {
  parse(raw: unknown): D;
  Component: ComponentType<ViewProps<D>>;
}

/** Builds a definition with its data type inferred from `parse`. */
export function defineView<D>(parse: (raw: unknown) => D, Component: ComponentType<ViewProps<D>>): ViewDefinition<D> {
  return { parse, Component };
}
