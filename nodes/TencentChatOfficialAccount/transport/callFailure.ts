import { describeErrorCode, type ErrorHandling, type FailureCause } from '../tencent/errorCodes';

/** Why one HTTP attempt did not produce a successful Tencent reply. */
export type CallFailure =
	| { kind: 'api'; code: number; info: string }
	| { kind: 'http'; httpStatus: number; info: string }
	| { kind: 'network'; networkCode: string; info: string }
	| { kind: 'timeout'; info: string }
	| { kind: 'badReply'; info: string };

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

export function failureHandling(failure: CallFailure): ErrorHandling {
	switch (failure.kind) {
		case 'api':
			return describeErrorCode(failure.code).handling;
		case 'http':
			if (failure.httpStatus === 429) return 'throttle';
			if (failure.httpStatus >= 500 || failure.httpStatus === 408) return 'retry';
			return 'final';
		case 'network':
			return RETRYABLE_NETWORK_CODES.has(failure.networkCode) ? 'retry' : 'final';
		case 'timeout':
			return 'retry';
		case 'badReply':
			return 'final';
	}
}

export function failureCause(failure: CallFailure): FailureCause | undefined {
	switch (failure.kind) {
		case 'api':
			return describeErrorCode(failure.code).cause;
		case 'http':
			if (failure.httpStatus === 429) return 'rate-limited';
			if (failure.httpStatus >= 500 || failure.httpStatus === 408) return 'temporarily-unavailable';
			return 'configuration-invalid';
		case 'network':
		case 'timeout':
			return 'temporarily-unavailable';
		case 'badReply':
			return 'configuration-invalid';
	}
}

/** A short code for messages and output items: the Tencent code, the HTTP status or the socket code. */
export function failureCode(failure: CallFailure): string {
	switch (failure.kind) {
		case 'api':
			return String(failure.code);
		case 'http':
			return `HTTP ${failure.httpStatus}`;
		case 'network':
			return failure.networkCode;
		case 'timeout':
			return 'TIMEOUT';
		case 'badReply':
			return 'BAD_REPLY';
	}
}

export function failureSummary(failure: CallFailure): string {
	switch (failure.kind) {
		case 'api':
			return `${describeErrorCode(failure.code).meaning} (code ${failure.code})`;
		case 'http':
			return `Tencent Chat answered HTTP ${failure.httpStatus}`;
		case 'network':
			return `The connection to Tencent Chat failed (${failure.networkCode})`;
		case 'timeout':
			return 'Tencent Chat did not answer in time';
		case 'badReply':
			return 'The server did not answer like the Tencent Chat REST API';
	}
}

export function failureFix(failure: CallFailure): string {
	switch (failure.kind) {
		case 'api':
			return describeErrorCode(failure.code).fix;
		case 'http':
			return failure.httpStatus >= 500 || failure.httpStatus === 429 || failure.httpStatus === 408
				? 'Tencent Chat or a proxy in between is overloaded; run the workflow again later.'
				: 'Check the Region or Base URL in the credential.';
		case 'network':
			return 'Check that n8n can reach the REST API domain of the chosen Region (firewall, proxy, DNS), then run the workflow again.';
		case 'timeout':
			return 'Raise Request Timeout in the node options, or run the workflow again later.';
		case 'badReply':
			return 'Check the Region or Base URL in the credential: it must point at the Tencent Chat REST API.';
	}
}
