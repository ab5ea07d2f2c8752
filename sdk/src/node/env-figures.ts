import * as pure from '../figures/index.js';
import { figurlFromEnv } from './figurl-from-env.js';

/*
 * The figure builders for scripts: the same classes as `@figurl/sdk`'s, except that `url()`
 * without a context reads the environment then (`figurlFromEnv()`), never at import. One
 * subclass each, so `instanceof` and the constructors' types stay those of the pure builders.
 */

/**
 * A figure for any plugin, published with the environment's zone and shell unless a context
 * is given.
 *
 * @example
 * import { Figure } from '@figurl/sdk/node';
 * const url = await new Figure({ view: 'markdown', data: { source: '# Run 12' } }).url({ label: 'notes' });
 */
export class Figure extends pure.Figure {
  protected override defaultContext(): pure.FigurlContext {
    return figurlFromEnv();
  }
}

/**
 * A Vega-Lite chart, published with the environment's zone and shell unless a context is given.
 *
 * @example
 * import { VegaLite } from '@figurl/sdk/node';
 * // FIGURL_ZONE_URL, FIGURL_SHELL_URL, FIGURL_TOKEN; in GitHub Actions the repo, PR and commit too.
 * console.log(await new VegaLite({ mark: 'bar', data: { values: [{ a: 1 }] } }).url({ label: 'counts' }));
 */
export class VegaLite extends pure.VegaLite {
  protected override defaultContext(): pure.FigurlContext {
    return figurlFromEnv();
  }
}

/**
 * A Markdown document, published with the environment's zone and shell unless a context is given.
 *
 * @example
 * const url = await new Markdown('# Sweep 7').url({ label: 'sweep notes' });
 */
export class Markdown extends pure.Markdown {
  protected override defaultContext(): pure.FigurlContext {
    return figurlFromEnv();
  }
}

/**
 * A Plotly chart, published with the environment's zone and shell unless a context is given.
 *
 * @example
 * const url = await new Plotly([{ type: 'scatter', x: [0, 1], y: [2, 3] }]).url({ label: 'values' });
 */
export class Plotly extends pure.Plotly {
  protected override defaultContext(): pure.FigurlContext {
    return figurlFromEnv();
  }
}
