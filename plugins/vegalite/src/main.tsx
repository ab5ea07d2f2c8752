import '@figurl/plugin-interface/no-eval';
import { readBootParams, startFigurlBridge } from '@figurl/plugin-interface';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { loadVegaRenderer } from './load-vega-renderer.js';
import { testFigureData } from './test-figure-data.js';
import './style.css';

const query = new URLSearchParams(window.location.search);
// ?test=1 shows the built-in chart without a shell (as figurl-vegalite did).
startFigurlBridge(readBootParams(window.location.search).test ? { standalone: { figureData: testFigureData } } : {});
// Vega is most of the bundle: fetch it while the shell loads the figure data.
void loadVegaRenderer();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App actions={query.get('actions') === '1'} />
  </StrictMode>,
);
