import {
  createDemoSortingLayout,
  createFigurl,
  curationToJson,
  type Figure,
  type FigureRecord,
  figureUrl,
  Markdown,
  normalizeCuration,
  Plotly,
  sha1Hex,
  storeBytes,
  VegaLite,
} from '@figurl/sdk';
import { createNodeHasher } from '@figurl/sdk/node';

export interface DemoFigure {
  label: string;
  url: string;
}

/** A small deterministic generator: the demo data (and so its hashes and links) never changes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function firingRates() {
  const next = random(7);
  const values: Array<{ time: number; unit: string; rate: number }> = [];
  for (const [index, unit] of ['unit 3', 'unit 7', 'unit 12', 'unit 21'].entries()) {
    let rate = 6 + index * 4;
    for (let t = 0; t <= 120; t++) {
      rate = Math.max(0.5, rate + (next() - 0.5) * 2.4 + Math.sin((t + index * 17) / 9) * 0.8);
      values.push({ time: t / 2, unit, rate: Math.round(rate * 100) / 100 });
    }
  }
  return values;
}

function waveformFeatures() {
  const next = random(11);
  const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const clusters = [
    { unit: 'unit 3', amp: 80, width: 0.45 },
    { unit: 'unit 7', amp: 140, width: 0.3 },
    { unit: 'unit 12', amp: 110, width: 0.6 },
  ];
  return clusters.flatMap(({ unit, amp, width }) =>
    Array.from({ length: 150 }, () => ({
      unit,
      amplitude: Math.round((amp + gauss() * 14) * 10) / 10,
      width: Math.round((width + gauss() * 0.05) * 1000) / 1000,
    })),
  );
}

/**
 * The curation the spike-sorting demo starts from: complete but empty, as sortingview's Python
 * reducer wrote it (`{"isClosed":false,"labelsByUnit":{},"mergeGroups":[]}`). Its `sha1://` URI
 * goes in the figure's state (`sortingCuration`); saving in the curation panel writes a new one.
 */
const initialCuration = new TextEncoder().encode(curationToJson(normalizeCuration({})));

function demoFigures(shellUrl: string): Array<{ label: string; figure: Figure; state?: { sortingCuration: string } }> {
  const rates = new VegaLite({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Firing rate of four units over one minute',
    data: { values: firingRates() },
    params: [{ name: 'unit', select: { type: 'point', fields: ['unit'] }, bind: 'legend' }],
    mark: { type: 'line', interpolate: 'monotone' },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: 'time (s)' },
      y: { field: 'rate', type: 'quantitative', title: 'firing rate (Hz)' },
      color: { field: 'unit', type: 'nominal' },
      opacity: { condition: { param: 'unit', value: 1 }, value: 0.15 },
      tooltip: [{ field: 'unit' }, { field: 'time' }, { field: 'rate' }],
    },
  });
  const features = new VegaLite({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Spike waveform features by unit; drag to select, the histogram follows',
    data: { values: waveformFeatures() },
    vconcat: [
      {
        params: [{ name: 'brush', select: 'interval' }],
        mark: { type: 'point', filled: true, size: 28 },
        encoding: {
          x: { field: 'width', type: 'quantitative', title: 'spike width (ms)' },
          y: { field: 'amplitude', type: 'quantitative', title: 'amplitude (µV)' },
          color: { condition: { param: 'brush', field: 'unit', type: 'nominal' }, value: '#ccc' },
        },
      },
      {
        transform: [{ filter: { param: 'brush' } }],
        mark: 'bar',
        encoding: {
          x: { field: 'unit', type: 'nominal' },
          y: { aggregate: 'count', title: 'spikes selected' },
          color: { field: 'unit', type: 'nominal' },
        },
      },
    ],
  });
  const surface = new Plotly([
    {
      type: 'heatmap',
      colorscale: 'Viridis',
      z: Array.from({ length: 40 }, (_, i) =>
        Array.from({ length: 60 }, (_, j) => Math.round(100 * Math.sin(i / 6) * Math.cos(j / 9)) / 100),
      ),
    },
  ]);
  const ratesUrl = (label: string) =>
    figureUrl({
      baseUrl: shellUrl,
      view: rates.view,
      data: `sha1://${sha1Hex(new TextEncoder().encode(rates.json))}`,
      label,
      hide: true,
    });
  const welcome = new Markdown(
    [
      '# Welcome to figurl',
      '',
      'Every figure here is a **figURL**: a plugin (`v=`) and content-addressed data (`d=sha1://…`).',
      'The link never changes meaning, and anyone you send it to sees the same interactive figure.',
      '',
      'A figure can embed others. Here is the firing-rate demo, live:',
      '',
      '```figurl',
      ratesUrl('Firing rates'),
      '```',
      '',
      'Make your own from the command line:',
      '',
      '```',
      'npx figurl figure vegalite spec.json --label "My chart"',
      '```',
      '',
      'or from TypeScript with `new VegaLite(spec).url({ label })` (`@figurl/sdk/node`).',
    ].join('\n'),
  );
  return [
    { label: 'Demo · Firing rates (Vega-Lite)', figure: rates },
    { label: 'Demo · Waveform features, linked brushing (Vega-Lite)', figure: features },
    { label: 'Demo · Welcome to figurl (Markdown)', figure: welcome },
    { label: 'Demo · Heatmap (Plotly)', figure: surface },
    {
      label: 'Demo · Spike sorting curation (synthetic ground truth)',
      // Sixteen units from a seeded simulation: merge the two split neurons, label the rest.
      figure: createDemoSortingLayout().toFigure({ createHasher: createNodeHasher }),
      state: { sortingCuration: `sha1://${sha1Hex(initialCuration, createNodeHasher)}` },
    },
  ];
}

/**
 * Stores and registers the demo figures (once: a figure already in the registry with the same
 * view, data and label is not registered again) and returns their figURLs.
 */
export async function seedDemoFigures(options: {
  zoneUrl: string;
  shellUrl: string;
  token?: string | undefined;
}): Promise<DemoFigure[]> {
  const context = createFigurl({ ...options, fetch: globalThis.fetch, createHasher: createNodeHasher });
  const existing = await registeredDemos(options.zoneUrl);
  // Stored every time (one request when the zone holds it): the curation demo's state names it.
  await storeBytes(context.zone, initialCuration, { createHasher: createNodeHasher });
  const seeded: DemoFigure[] = [];
  for (const { label, figure, state } of demoFigures(options.shellUrl)) {
    const data = `sha1://${sha1Hex(new TextEncoder().encode(figure.json), createNodeHasher)}`;
    const known = existing.some((f) => f.viewUri === figure.view && f.dataUri === data && f.label === label);
    const url = known
      ? figureUrl({ baseUrl: options.shellUrl, view: figure.view, data, label, state })
      : await figure.url({ label, state, context });
    seeded.push({ label, url });
  }
  return seeded;
}

async function registeredDemos(zoneUrl: string): Promise<FigureRecord[]> {
  const res = await fetch(`${zoneUrl}/api/v1/figures?label=${encodeURIComponent('Demo · ')}&limit=100`);
  if (!res.ok) return [];
  return ((await res.json()) as { figures: FigureRecord[] }).figures;
}
