import '@figurl/plugin-interface/no-eval';
import { startPlugin } from '@figurl/plugin-interface';
import { App } from './app.js';
import './style.css';

// Choose the protocol generation here ('p1' or 'legacy'); ?test=1 answers from this data.
startPlugin(<App />, { bridge: { protocol: 'p1' }, testFigureData: { hello: 'figurl' } });
