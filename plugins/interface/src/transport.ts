import type { FigurlRequest, FigurlRequestType, FigurlResponse } from '@figurl/sdk/protocol';

export type RequestOf<T extends FigurlRequestType> = Extract<FigurlRequest, { type: T }>;
export type ResponseOf<T extends FigurlRequestType> = Extract<FigurlResponse, { type: T }>;

/** Where requests go: the shell (postMessage) or the plugin's own standalone data. */
export interface Transport {
  /** The request without `figurlProtocolVersion`: the transport adds what its generation needs. */
  request<T extends FigurlRequestType>(request: RequestOf<T>, timeoutMs: number): Promise<ResponseOf<T>>;
  stop(): void;
}
