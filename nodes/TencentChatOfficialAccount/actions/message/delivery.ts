import type { TencentCallError } from '../../transport';
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

/**
 * Why a failed send may still have gone out, or undefined when it did not. An earlier attempt counts too: when its
 * reply was lost, the retry of the same message is a duplicate, and what Tencent answers a duplicate is UNCERTAIN
 * (contract.ts DUPLICATE_SEND_ANSWER), so a refusal of the retry does not mean nothing went out.
 */
export function whyItMayHaveBeenDelivered(error: TencentCallError): string | undefined {
	if (mayHaveBeenDelivered(error.failure)) return error.reason;
	const unanswered = error.earlierFailures.find(mayHaveBeenDelivered);
	return unanswered ? `${describeFailure(unanswered).summary}, and the retry got: ${error.reason}` : undefined;
}
