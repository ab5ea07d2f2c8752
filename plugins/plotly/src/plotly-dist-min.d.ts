/** The part of plotly.js this plugin calls (the package ships no types). */
declare module 'plotly.js-dist-min' {
  export function newPlot(
    element: HTMLElement,
    data: unknown[],
    layout?: Record<string, unknown>,
    config?: Record<string, unknown>,
  ): Promise<HTMLElement>;
  export function purge(element: HTMLElement): void;
}
