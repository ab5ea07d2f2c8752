import type { FigurlRequest, FigurlRequestType, FigurlResponse } from '@figurl/sdk/protocol';
import type { StandaloneData } from './bridge-types.js';
import type { BridgeState } from './create-bridge-state.js';
import { FigurlRequestError } from './figurl-request-error.js';
import type { RequestOf, ResponseOf, Transport } from './transport.js';

const notEmbedded =
  'this page is not embedded in a figurl shell: open it through a figURL (v=<this page>) or give it standalone data';

/**
 * Answers requests from data the plugin was given, for development without a shell (`?test=1`,
 * or the page opened on its own). URL state changes stay in the page.
 */
export function createStandaloneTransport(data: StandaloneData | undefined, state: BridgeState): Transport {
  const answer = (request: FigurlRequest): FigurlResponse => {
    switch (request.type) {
      case 'getFigureData':
        if (data === undefined || !('figureData' in data)) {
          throw new FigurlRequestError(request.type, 'not-embedded', `figurl: no figure data: ${notEmbedded}`);
        }
        return { type: 'getFigureData', figureData: data.figureData };
      case 'getFileData': {
        const files = data?.files ?? {};
        if (!Object.hasOwn(files, request.uri)) {
          return { type: 'getFileData', errorMessage: `no standalone data for ${request.uri}` };
        }
        return { type: 'getFileData', fileData: files[request.uri] };
      }
      case 'setUrlState':
        state.setUrlState(request.state);
        return { type: 'setUrlState' };
      case 'postMessageToParent':
        console.info('figurl (standalone): postMessageToParent', request.message);
        return { type: 'postMessageToParent' };
      default:
        throw new FigurlRequestError(
          request.type,
          'not-embedded',
          `figurl: ${request.type} needs a shell: ${notEmbedded}`,
        );
    }
  };
  return {
    async request<T extends FigurlRequestType>(request: RequestOf<T>): Promise<ResponseOf<T>> {
      return answer(request) as ResponseOf<T>;
    },
    stop() {},
  };
}
