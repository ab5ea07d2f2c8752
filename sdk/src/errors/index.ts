export { codeForStatus, type ErrorBody, errorBodySchema, fromErrorBody, toErrorBody } from './error-body.js';
export { type ErrorCode, errorCodeNames, errorCodes, isErrorCode } from './error-codes.js';
export { FigurlError, isFigurlError, quote } from './figurl-error.js';
