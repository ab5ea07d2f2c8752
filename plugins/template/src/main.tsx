import '@figurl/plugin-interface/no-eval';
import { readBootParams, startFigurlBridge } from '@figurl/plugin-interface';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './style.css';

// Choose the protocol generation here ('p1' or 'legacy'); ?test=1 answers from this data.
startFigurlBridge({
  protocol: 'p1',
  ...(readBootParams(window.location.search).test ? { standalone: { figureData: { hello: 'figurl' } } } : {}),
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
