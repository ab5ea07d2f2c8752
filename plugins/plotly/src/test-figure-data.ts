/** The chart `?test=1` shows without a shell: what figurl-plotly's Python example writes. */
export const testFigureData = {
  type: 'Plotly',
  spec: [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'sin',
      x: [0, 1, 2, 3, 4, 5, 6],
      y: [0, 0.84, 0.91, 0.14, -0.76, -0.96, -0.28],
    },
    { type: 'bar', name: 'counts', x: [0, 1, 2, 3, 4, 5, 6], y: [0.2, 0.5, 0.3, 0.8, 0.4, 0.6, 0.1], opacity: 0.5 },
  ],
};
