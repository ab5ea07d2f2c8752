export { type CorrelogramOptions, computeCorrelogram } from './compute-correlogram.js';
export { createDemoSorting, type DemoSorting, type DemoUnit } from './create-demo-sorting.js';
export { createDemoSortingLayout } from './create-demo-sorting-layout.js';
export { createProbe, type Probe } from './create-probe.js';
export { createRandom, type Random } from './create-random.js';
export type { DemoNeuron } from './neuron-template.js';
export { estimateNoiseLevel, summarizeUnits, templateSimilarity, type UnitSummary } from './summarize-units.js';
