import { useFigureData } from '@figurl/plugin-interface';
import { parsePlotlyData } from './parse-plotly-data.js';
import { PlotlyView } from './plotly-view.js';

export function App() {
  return <PlotlyView state={useFigureData(parsePlotlyData)} />;
}
