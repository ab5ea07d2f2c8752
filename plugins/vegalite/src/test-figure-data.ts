/**
 * The chart `?test=1` shows without a shell: figurl-vegalite's built-in example, an Altair bar
 * chart (Vega-Lite v4 schema, data in `datasets`).
 */
export const testFigureData = {
  spec: {
    config: { view: { continuousWidth: 400, continuousHeight: 300 } },
    data: { name: 'data-c2a3e89ba9d5d1687d5e8c28d630a033' },
    mark: 'bar',
    encoding: { x: { type: 'nominal', field: 'a' }, y: { type: 'quantitative', field: 'b' } },
    $schema: 'https://vega.github.io/schema/vega-lite/v4.8.1.json',
    datasets: {
      'data-c2a3e89ba9d5d1687d5e8c28d630a033': [
        { a: 'A', b: 28 },
        { a: 'B', b: 55 },
        { a: 'C', b: 43 },
        { a: 'D', b: 91 },
        { a: 'E', b: 81 },
        { a: 'F', b: 53 },
        { a: 'G', b: 19 },
        { a: 'H', b: 87 },
        { a: 'I', b: 52 },
      ],
    },
  },
};
