/**
 * A single-view or layered spec without its own width/height fills the window (`"container"`
 * sizing follows window resizes). Concatenated, faceted and repeated specs keep their sizes:
 * Vega-Lite does not size those to a container.
 *
 * @example
 * fitSpecToWindow({ mark: 'bar' }); // { mark: 'bar', width: 'container', height: 'container' }
 */
export function fitSpecToWindow(spec: Record<string, unknown>): Record<string, unknown> {
  const singleView = 'mark' in spec || 'layer' in spec;
  if (!singleView) return spec;
  return {
    ...spec,
    ...(spec.width === undefined ? { width: 'container' } : {}),
    ...(spec.height === undefined ? { height: 'container' } : {}),
  };
}
