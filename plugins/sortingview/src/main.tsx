import '@figurl/plugin-interface/no-eval';
import { startPlugin } from '@figurl/plugin-interface';
import { App } from './app.js';
import { testFigureData } from './test-figure-data.js';
import '@figurl/plugin-interface/styles/base.css';
import './style.css';

// ndarrays arrive as typed arrays (NdArray), decoded in place: never as nested JS arrays.
startPlugin(<App />, { testFigureData, bridge: { ndarrays: 'typed' } });
