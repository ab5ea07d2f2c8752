import '@figurl/plugin-interface/no-eval';
import { startPlugin } from '@figurl/plugin-interface';
import { App } from './app.js';
import { testFigureData } from './test-figure-data.js';
import './style.css';

// ?test=1 shows an example document without a shell.
startPlugin(<App />, { testFigureData });
