import { describeFailure, mayHaveBeenApplied, type CallFailure } from '../../transport/callFailure';

/**
 * Whether a send that failed may still have reached Tencent and been broadcast: no reply (timeout, a reset
 * connection), a gateway error, or a server-side error. Refusals (limits, bad requests, callbacks) were not.
 * Stricter than for other commands: Tencent's own "internal error" codes count as "may have been delivered".
 */
export function mayHaveBeenDelivered(failure: CallFailure): boolean {
	if (failure.kind === 'api') {
		const handling = describeFailure(failure).handling;
		return handling === 'retry' || handling === 'retryOnce';
	}
	if (failure.kind === 'http') return failure.httpStatus >= 500;
	return mayHaveBeenApplied(failure);
}
