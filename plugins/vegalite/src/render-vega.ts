import embed, { type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

export interface RenderedChart {
  finalize(): void;
}

/**
 * Draws a Vega-Lite (or Vega) spec into `element`. Expressions run in vega's interpreter
 * (`ast: true`), never through `new Function`, so the plugin works under a CSP without
 * 'unsafe-eval'. Loaded on demand: it is most of the bundle.
 */
export async function renderVega(
  element: HTMLElement,
  spec: Record<string, unknown>,
  options: { actions: boolean },
): Promise<RenderedChart> {
  const result = await embed(element, spec as VisualizationSpec, {
    ast: true,
    expr: expressionInterpreter,
    actions: options.actions,
    // Without the actions menu, embed's injected stylesheet styles nothing.
    defaultStyle: options.actions,
  });
  return result;
}
