import type { EdgeHub } from './edge-hub.js';
import type { EdgeRepository } from './edge-repository.js';

/** What the edge routes need; built once in `app.ts`. */
export interface EdgeDeps {
  repository: EdgeRepository;
  hub: EdgeHub;
  /** This replica, as recorded with the resources it holds (random per process). */
  replicaId: string;
  /**
   * A resource's connection that sends nothing for this long is closed, and a resource whose
   * last ping is older counts as away (its replica may have died). `figurl share` pings every 20 s.
   */
  silenceMs: number;
  /** How long a request waits for its resource to come back before it fails. */
  graceMs: number;
}
