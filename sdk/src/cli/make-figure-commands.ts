import type { CanonicalJsonValue } from '../canonical-json/index.js';
import { parseJsonPreservingNumbers } from '../canonical-json/index.js';
import { FigurlError, isFigurlError, quote } from '../errors/index.js';
import { Figure } from '../figures/figure.js';
import type { FigurlContext } from '../figures/figurl-context.js';
import { Markdown } from '../figures/markdown.js';
import { Plotly } from '../figures/plotly.js';
import { VegaLite } from '../figures/vega-lite.js';
import { createNodeHasher } from '../node/create-node-hasher.js';
import { parseGitHubEnv } from '../node/parse-github-env.js';
import { parseSortingviewLayout } from '../sortingview/parse-sortingview-layout.js';
import { sortingviewView } from '../sortingview/sortingview-figure.js';
import { assertViewUri } from '../uri/assert-view-uri.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import type { CommandSpec } from './command-spec.js';
import type { CommandArgs } from './parse-command-args.js';
import { readFigureJson, readFigureText } from './read-figure-file.js';
import { writeOutput } from './write-output.js';

type State = { readonly [key: string]: CanonicalJsonValue | undefined };

const publishing = `Stores the data in the zone as canonical JSON (the same data gives the same sha1:// URI, so
the same link), registers the figure with the label (and, in GitHub Actions, the repository,
pull request and commit), and prints its figURL on FIGURL_SHELL_URL as one line. --state sets
the figure's URL state (s=), a JSON object such as '{"unitId": 3}'.`;

/** `--state <json>`: a JSON object, numbers as written. */
function parseState(text: string | undefined, command: string): State | undefined {
  if (text === undefined) return undefined;
  let value: CanonicalJsonValue;
  try {
    value = parseJsonPreservingNumbers(text);
  } catch (err) {
    throw new CliUsageError(`--state ${quote(text)}: ${err instanceof Error ? err.message : String(err)}`, command);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliUsageError(`--state ${quote(text)}: expected a JSON object such as '{"unitId": 3}'`, command);
  }
  return value as State;
}

/** Builds the figure, naming the input file when its content is not what the builder takes. */
function make(path: string, build: () => Figure): Figure {
  try {
    return build();
  } catch (err) {
    if (!isFigurlError(err)) throw err;
    throw new FigurlError(err.code, `cannot make a figure of ${quote(path)}: ${err.message}`);
  }
}

/** The figure builders' context for the CLI: its zone client and shell, GitHub Actions' details. */
function figurlContext(context: CommandContext): FigurlContext {
  return {
    zone: context.client,
    shellUrl: context.settings.shellUrl,
    github: parseGitHubEnv(context.io.env),
    createHasher: createNodeHasher,
  };
}

function figureCommand(options: {
  name: string;
  operands: string;
  /** Switches of this command, e.g. `allow-float64`. */
  booleans?: readonly string[];
  summary: string;
  about: string;
  build(args: CommandArgs): Promise<Figure>;
}): CommandSpec {
  const { name, operands } = options;
  const switches = (options.booleans ?? []).map((flag) => ` [--${flag}]`).join('');
  return {
    operands: { names: operands, min: operands.split(' ').length, max: operands.split(' ').length },
    strings: ['label', 'state'],
    booleans: options.booleans ?? [],
    summary: options.summary,
    usage: `usage: figurl ${name} ${operands} --label <label> [--state <json>]${switches}\n\n${options.about}\n\n${publishing}`,
    async run(context, args) {
      const label = args.options.label;
      if (label === undefined) throw new CliUsageError('expected --label <label>', name);
      const state = parseState(args.options.state, name);
      const figurl = figurlContext(context);
      const figure = await options.build(args);
      const url = await figure.url({ label, state, context: figurl });
      await writeOutput(context.io.stdout, `${url}\n`);
      return 0;
    },
  };
}

const vegalite = figureCommand({
  name: 'figure vegalite',
  operands: '<spec.json>',
  summary: 'figure vegalite <spec.json> --label L  make a Vega-Lite figure; prints its figURL',
  about: 'Makes a Vega-Lite figure: view gs://figurl/vegalite-2, data {"spec": <spec.json>}.',
  async build({ positionals }) {
    const path = positionals[0] as string;
    const spec = await readFigureJson(path);
    return make(path, () => new VegaLite(spec as object));
  },
});

const markdown = figureCommand({
  name: 'figure markdown',
  operands: '<file.md>',
  summary: 'figure markdown <file.md> --label L  make a Markdown figure; prints its figURL',
  about: 'Makes a Markdown figure: view gs://figurl/markdown-1, data {"source": <the text of file.md>}.',
  async build({ positionals }) {
    const path = positionals[0] as string;
    const source = await readFigureText(path);
    return make(path, () => new Markdown(source));
  },
});

const plotly = figureCommand({
  name: 'figure plotly',
  operands: '<traces.json>',
  summary: 'figure plotly <traces.json> --label L  make a Plotly figure; prints its figURL',
  about:
    'Makes a Plotly figure: view gs://figurl/plotly-1, data {"type": "Plotly", "spec": <traces.json>},\n' +
    'where traces.json holds an array of traces (a Plotly figure\'s "data").',
  async build({ positionals }) {
    const path = positionals[0] as string;
    const traces = await readFigureJson(path);
    return make(path, () => new Plotly(traces as object[]));
  },
});

const sortingview = figureCommand({
  name: 'figure sortingview',
  operands: '<layout.json>',
  booleans: ['allow-float64'],
  summary:
    'figure sortingview <layout.json> --label L  make a sortingview figure (one blob per view); prints its figURL',
  about: `Makes a sortingview figure as Python's sortingview does (View.url): each view's data is stored
as a blob of its own, and the figure (view ${sortingviewView}) is
{"type": "MainLayout", "layout": <the tree>, "views": [{"type", "viewId", "dataUri"}]}, the views
numbered "0", "1", … depth first (the same file gives the same URIs and the same link).

<layout.json> holds a layout whose views carry their data inline:
  {"type": "Box" | "Splitter", "direction": "horizontal" | "vertical", "items": [<item>, …],
   "scrollbar"?: true|false, "showTitles"?: true|false}          (a Splitter has exactly 2 items)
      <item>: {"view": <node>, "minSize"?, "maxSize"?, "stretch"?, "title"?, "collapsible"?}
              or a bare <node>
  {"type": "TabLayout", "items": [{"label": "…", "view": <node>}], "tabBarLayout"?: "vertical"}
  {"type": "Mountain", "items": [{"label": "…", "view": <view>, "isControl"?: true|false,
   "controlHeight"?: <px>}]}
  <view>: its data as sortingview reads it, e.g. {"type": "RasterPlot", "startTimeSec": 0,
   "endTimeSec": 60, "plots": [{"unitId": 1, "spikeTimesSec": [0.5, 1.25]}]}; arrays as number
   lists or as Python's {"_type": "ndarray", "shape", "dtype", "data_b64"} (float64 only with
   --allow-float64). The fields of the types sortingview's Python writes are checked.
A view alone (no layout) is shown in a horizontal Box, as in Python.`,
  async build({ positionals, flags }) {
    const path = positionals[0] as string;
    const layout = await readFigureJson(path);
    return make(path, () =>
      parseSortingviewLayout(layout).toFigure({
        allowFloat64: flags['allow-float64'] === true,
        createHasher: createNodeHasher,
      }),
    );
  },
});

const any = figureCommand({
  name: 'figure',
  operands: '<viewUri> <data.json>',
  summary: 'figure <viewUri> <data.json> --label L  make a figure for any plugin; prints its figURL',
  about:
    'Makes a figure for any plugin: <viewUri> is a gs://, npm:// or http(s):// plugin location, or\n' +
    'the name of one of the shell\'s plugins such as "sortingview"; <data.json> holds the figure\n' +
    'data as the plugin reads it.',
  async build({ positionals }) {
    const [view, path] = positionals as [string, string];
    // Checked before the file is read: a mistyped view is the mistake to report.
    assertViewUri(view);
    const data = await readFigureJson(path);
    return make(path, () => new Figure({ view, data }));
  },
});

/**
 * figure vegalite, figure markdown, figure plotly, figure sortingview, and `figure <viewUri> <data.json>`: the
 * group's own command, which `main()` runs when the word after `figure` names no subcommand.
 */
export const makeFigureCommands: Record<string, CommandSpec> = {
  figure: any,
  'figure vegalite': vegalite,
  'figure markdown': markdown,
  'figure plotly': plotly,
  'figure sortingview': sortingview,
};
