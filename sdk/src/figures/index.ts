export { type CreateFigurlOptions, createFigurl } from './create-figurl.js';
export { Figure, type FigureUrlRequest } from './figure.js';
export { type FigureData, figureDataJson } from './figure-data-json.js';
export type { FigurlContext, GitHubContext } from './figurl-context.js';
export { Markdown, markdownView } from './markdown.js';
export { Plotly, plotlyView } from './plotly.js';
export { type PublishedFigure, type PublishFigureOptions, publishFigure } from './publish-figure.js';
export { type StoredBytes, storeBytes } from './store-bytes.js';
export { VegaLite, vegaLiteView } from './vega-lite.js';
