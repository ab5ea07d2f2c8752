import { useFigureData } from '@figurl/plugin-interface';
import { parseTemplateData } from './parse-template-data.js';
import { TemplateView } from './template-view.js';

/** Wires the bridge to the view: the only component that knows about figurl. */
export function App() {
  return <TemplateView state={useFigureData(parseTemplateData)} />;
}
