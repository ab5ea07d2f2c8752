import { useFigureData } from '@figurl/plugin-interface';
import { parseVegaLiteData } from './parse-vegalite-data.js';
import { VegaLiteView } from './vegalite-view.js';

export function App({ actions }: { actions: boolean }) {
  const state = useFigureData(parseVegaLiteData);
  return <VegaLiteView state={state} actions={actions} />;
}
