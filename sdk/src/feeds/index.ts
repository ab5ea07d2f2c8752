export {
  type FeedMessageRecord,
  feedMessageHash,
  feedMessageHashOfText,
  feedMessagePayload,
} from './feed-message-hash.js';
export { signFeedMessage } from './sign-feed-message.js';
export { type FeedChainMessage, type VerifyFeedChainOptions, verifyFeedChain } from './verify-feed-chain.js';
