import { NodeApiError, type INode } from 'n8n-workflow';

import { tencentNodeApiError } from '../transport';
import type { DeleteOutcomes } from './deleteBatches';
import type { collectFailures } from './deleteOutput';

const NAMED_FAILURES = 5;

function sentences(...parts: string[]): string {
	return parts.map((part) => (/[.!?)]$/.test(part.trim()) ? part.trim() : `${part.trim()}.`)).join(' ');
}

function countStatuses(outcomes: DeleteOutcomes): { deleted: number; notSubscribed: number } {
	let deleted = 0;
	let notSubscribed = 0;
	for (const account of outcomes.values()) {
		for (const outcome of account.values()) {
			if (outcome.status === 'deleted') deleted++;
			if (outcome.status === 'notSubscribed') notSubscribed++;
		}
	}
	return { deleted, notSubscribed };
}

/**
 * The single error the node throws when subscribers failed and "continue" is off: it names the failed
 * subscribers and their items, gives the fix for the first failure, and says what did happen.
 */
export function deleteFailedError(
	node: INode,
	failures: ReturnType<typeof collectFailures>,
	outcomes: DeleteOutcomes,
	/** Input items the node had not read yet when it stopped. */
	unreadItems = 0,
): NodeApiError {
	const attempted = failures.filter((failure) => failure.code !== 'NOT_SENT');
	const named = (attempted.length ? attempted : failures).slice(0, NAMED_FAILURES);
	const first = named[0];
	const uniqueIds = [...new Set(named.map((failure) => `"${failure.subscriberId}"`))];
	const more = attempted.length > named.length ? ` and ${attempted.length - named.length} more` : '';
	const itemIndexes = [...new Set(attempted.map((failure) => failure.itemIndex))].sort((a, b) => a - b);
	const itemsLabel = itemIndexes.length === 1 ? `[item ${itemIndexes[0]}]` : `[items ${itemIndexes.join(', ')}]`;
	const message =
		`${attempted.length} subscriber${attempted.length === 1 ? '' : 's'} could not be removed from ${first.officialAccount}: ` +
		`${uniqueIds.join(', ')}${more} ${itemsLabel}`;

	const { deleted, notSubscribed } = countStatuses(outcomes);
	const notSent = failures.length - attempted.length;
	const progress =
		`${deleted} deleted and ${notSubscribed} not subscribed before the node stopped` +
		(notSent ? `; ${notSent} were not sent` : '') +
		(unreadItems ? `; the last ${unreadItems} input items were not processed` : '') +
		'. To process the rest anyway, set the node setting On Error to "Continue".';

	const callError = first.outcome.callError;
	if (callError) {
		return tencentNodeApiError(node, callError, {
			message,
			description: sentences(callError.reason, callError.advice, progress),
			itemIndex: first.itemIndex,
		});
	}
	return new NodeApiError(
		node,
		{ code: first.code ?? 'UNKNOWN', reason: first.reason },
		{
			message,
			description: sentences(first.reason, 'Run the workflow again for these subscribers; if it persists, check them in the Tencent Chat console', progress),
			itemIndex: first.itemIndex,
		},
	);
}
