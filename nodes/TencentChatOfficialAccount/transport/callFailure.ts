import type { TencentCommand } from '../tencent/contract';
import { describeErrorCode, type ErrorHandling, type FailureCause } from '../tencent/errorCodes';

/** Why one HTTP attempt did not produce a successful Tencent reply. */
export type CallFailure =
	| { kind: 'api'; code: number; info: string }
	| { kind: 'http'; httpStatus: number; info: string }
	| { kind: 'network'; networkCode: string; info: string }
	| { kind: 'timeout'; info: string }
	| { kind: 'badReply'; info: string };

/** Everything the transport and the messages need to know about one failure, decided in one place. */
export interface FailureDescription {
	handling: ErrorHandling;
	cause?: FailureCause;
	/** A short code for messages and output items: the Tencent code, the HTTP status or the socket code. */
	code: string;
	summary: string;
	fix: string;
}

/** Socket-level codes after which the request may or may not have arrived; delete is idempotent. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Socket-level codes that mean the request never left: no connection was made. */
const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * Whether Tencent may have carried out the request although no reply said so: a timeout, a connection lost
 * after it was made, or a gateway error. A Tencent error code is Tencent's decision, so it did not happen.
 */
export function mayHaveBeenApplied(failure: CallFailure): boolean {
	switch (failure.kind) {
		case 'timeout':
			return true;
		case 'network':
			return !NEVER_CONNECTED_CODES.has(failure.networkCode);
		case 'http':
			return failure.httpStatus >= 500 || failure.httpStatus === 408;
		default:
			return false;
	}
}

const CHECK_REGION = 'Check the Region or Base URL in the credential.';

/** `command` picks the catalogue's wording for that command, where it has one. */
export function describeFailure(failure: CallFailure, command?: TencentCommand): FailureDescription {
	switch (failure.kind) {
		case 'api': {
			const known = describeErrorCode(failure.code, command);
			return {
				handling: known.handling,
				cause: known.cause,
				code: String(failure.code),
				summary: `${known.meaning} (code ${failure.code})`,
				fix: known.fix,
			};
		}
		case 'http': {
			const status = failure.httpStatus;
			const passing = status >= 500 || status === 408 || status === 429;
			return {
				handling: status === 429 ? 'throttle' : passing ? 'retry' : 'final',
				cause: status === 429 ? 'rate-limited' : passing ? 'temporarily-unavailable' : 'configuration-invalid',
				code: `HTTP ${status}`,
				summary: `Tencent Chat answered HTTP ${status}`,
				fix: passing ? 'Tencent Chat or a proxy in between is overloaded; run the workflow again later.' : CHECK_REGION,
			};
		}
		case 'network':
			return {
				handling: RETRYABLE_NETWORK_CODES.has(failure.networkCode) ? 'retry' : 'final',
				cause: 'temporarily-unavailable',
				code: failure.networkCode,
				summary: `The connection to Tencent Chat failed (${failure.networkCode})`,
				fix: 'Check that n8n can reach the REST API domain of the chosen Region (firewall, proxy, DNS), then run the workflow again.',
			};
		case 'timeout':
			return {
				handling: 'retry',
				cause: 'temporarily-unavailable',
				code: 'TIMEOUT',
				summary: 'Tencent Chat did not answer in time',
				fix: 'Raise Request Timeout in the node options, or run the workflow again later.',
			};
		case 'badReply':
			return {
				handling: 'final',
				cause: 'configuration-invalid',
				code: 'BAD_REPLY',
				summary: 'The server did not answer like the Tencent Chat REST API',
				fix: 'Check the Region or Base URL in the credential: it must point at the Tencent Chat REST API.',
			};
	}
}

export const failureHandling = (failure: CallFailure, command?: TencentCommand): ErrorHandling => describeFailure(failure, command).handling;
export const failureCause = (failure: CallFailure): FailureCause | undefined => describeFailure(failure).cause;
export const failureCode = (failure: CallFailure): string => describeFailure(failure).code;
export const failureSummary = (failure: CallFailure, command?: TencentCommand): string => describeFailure(failure, command).summary;
export const failureFix = (failure: CallFailure, command?: TencentCommand): string => describeFailure(failure, command).fix;
