export { computeCorrelogram, createDemoSorting, createDemoSortingLayout, type DemoSorting } from './demo/index.js';
export { type EncodableArray, encodeNdarray, type NdarrayDtype, type NdarrayJson } from './encode-ndarray.js';
export { parseSortingviewLayout } from './parse-sortingview-layout.js';
export { SortingviewFigure, sortingviewView } from './sortingview-figure.js';
export { type MainLayoutData, type StoredViewData, toMainLayout } from './to-main-layout.js';
export * as vv from './views/index.js';
