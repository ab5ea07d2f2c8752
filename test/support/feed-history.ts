import { type CanonicalJsonValue, canonicalJson, type FeedMessage, verifyFeedChain } from '@figurl/sdk';

/** What a reader saw: one page of a read, starting at `from`. */
export interface ObservedRead {
  from: number;
  messages: FeedMessage[];
}

export interface FeedHistoryReport {
  /** Problems found; empty when the history is linearizable as a single gap-free log. */
  problems: string[];
  messageCount: number;
}

/**
 * Checks a feed's history as clients observed it against its final log:
 * - the final log's seqs are exactly 0..n-1 and its hash chain verifies;
 * - every acknowledged append (writer, message id → seq) is in the log, at the seq it was
 *   acknowledged with, once; nothing is in the log that nobody appended;
 * - every read is a contiguous run starting at its `from` that equals the final log there
 *   (a reader never sees a message that later changes, moves or disappears).
 */
export function checkFeedHistory(options: {
  feedId: string;
  finalLog: FeedMessage[];
  /** Acknowledged appends: the message as sent (must be unique) and the seq the zone answered. */
  acknowledged: Array<{ message: unknown; seq: number }>;
  reads: ObservedRead[];
}): FeedHistoryReport {
  const { feedId, finalLog, acknowledged, reads } = options;
  const problems: string[] = [];
  finalLog.forEach((m, index) => {
    if (m.seq !== index) problems.push(`final log position ${index} holds seq ${m.seq}`);
  });
  try {
    verifyFeedChain(finalLog, { feedId, previousHash: null });
  } catch (err) {
    problems.push(`chain: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Canonical: the zone stores messages with sorted keys.
  const key = (message: unknown) => canonicalJson(message as CanonicalJsonValue);
  const inLog = new Map<string, number>();
  for (const m of finalLog) {
    const k = key(m.message);
    if (inLog.has(k)) problems.push(`message ${k} is in the log twice (seqs ${inLog.get(k)} and ${m.seq})`);
    inLog.set(k, m.seq);
  }
  const acked = new Set<string>();
  for (const a of acknowledged) {
    const k = key(a.message);
    acked.add(k);
    const seq = inLog.get(k);
    if (seq === undefined) problems.push(`acknowledged message ${k} (seq ${a.seq}) is missing from the log`);
    else if (seq !== a.seq) problems.push(`acknowledged message ${k} was answered seq ${a.seq} but sits at ${seq}`);
  }
  for (const [k, seq] of inLog) if (!acked.has(k)) problems.push(`log seq ${seq} holds ${k}, which nobody appended`);
  for (const read of reads) {
    read.messages.forEach((m, index) => {
      const expected = finalLog[read.from + index];
      if (m.seq !== read.from + index)
        problems.push(`a read from ${read.from} returned seq ${m.seq} at position ${index}`);
      else if (expected === undefined || expected.hash !== m.hash || key(expected.message) !== key(m.message)) {
        problems.push(`a read from ${read.from} saw seq ${m.seq} differently from the final log`);
      }
    });
  }
  return { problems: problems.slice(0, 20), messageCount: finalLog.length };
}
