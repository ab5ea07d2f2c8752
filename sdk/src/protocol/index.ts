export * from './create-figure-host.js';
export * from './deserialize-ndarrays.js';
export * from './figure-uri-scope.js';
export * from './figurl-messages.js';
export * from './initialize-figure-schedule.js';
export * from './parse-figure-params.js';
export * from './request-budget.js';
export * from './resolve-view.js';
