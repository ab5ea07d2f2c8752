import '@figurl/plugin-interface/no-eval';
import { readBootParams, startFigurlBridge } from '@figurl/plugin-interface';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { loadPlotly } from './load-plotly.js';
import { testFigureData } from './test-figure-data.js';
import './style.css';

// ?test=1 shows an example chart without a shell.
startFigurlBridge(readBootParams(window.location.search).test ? { standalone: { figureData: testFigureData } } : {});
// Start fetching plotly.js now, in parallel with the figure data; the first paint does not wait.
void loadPlotly();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
