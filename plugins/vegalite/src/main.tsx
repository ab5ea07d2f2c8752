import '@figurl/plugin-interface/no-eval';
import '@figurl/plugin-interface/styles/chart-frame.css';
import { startPlugin } from '@figurl/plugin-interface';
import { App } from './app.js';
import { loadVegaRenderer } from './load-vega-renderer.js';
import { testFigureData } from './test-figure-data.js';

// ?test=1 shows the built-in chart without a shell (as figurl-vegalite did).
startPlugin(<App actions={new URLSearchParams(window.location.search).get('actions') === '1'} />, { testFigureData });
// Vega is most of the bundle: fetch it while the shell loads the figure data.
void loadVegaRenderer();
