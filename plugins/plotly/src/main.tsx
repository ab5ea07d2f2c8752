import '@figurl/plugin-interface/no-eval';
import '@figurl/plugin-interface/styles/chart-frame.css';
import { startPlugin } from '@figurl/plugin-interface';
import { App } from './app.js';
import { loadPlotly } from './load-plotly.js';
import { testFigureData } from './test-figure-data.js';

// ?test=1 shows an example chart without a shell.
startPlugin(<App />, { testFigureData });
// Start fetching plotly.js now, in parallel with the figure data; the first paint does not wait.
void loadPlotly();
