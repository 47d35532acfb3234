import type { CallFailure } from '../../transport/callFailure';
import { describeFailure } from '../../transport/callFailure';

/** Socket failures that happen before a request is written: such a message surely did not go out. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * Whether a send that failed may still have reached Tencent and been broadcast: no reply (timeout, a reset
 * connection), a gateway error, or a server-side error. Refusals (limits, bad requests, callbacks) were not.
 */
export function mayHaveBeenDelivered(failure: CallFailure): boolean {
	switch (failure.kind) {
		case 'timeout':
			return true;
		case 'network':
			return !NEVER_CONNECTED.has(failure.networkCode);
		case 'http':
			return failure.httpStatus >= 500;
		case 'api': {
			const handling = describeFailure(failure).handling;
			return handling === 'retry' || handling === 'retryOnce';
		}
		case 'badReply':
			return false;
	}
}
