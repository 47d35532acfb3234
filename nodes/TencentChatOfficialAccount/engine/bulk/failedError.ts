import { NodeApiError, type INode } from 'n8n-workflow';

import { tencentNodeApiError } from '../../transport';
import { sentences } from '../failureShape';
import type { IdFailure } from './output';
import type { BulkContract, BulkOutcomes } from './types';

const NAMED_FAILURES = 5;

/** "12 deleted and 3 not subscribed": what did happen before the node stopped. */
function progressCounts(contract: BulkContract, outcomes: BulkOutcomes): string {
	const counts = new Map<string, number>();
	for (const target of outcomes.values()) {
		for (const outcome of target.values()) if (outcome.ok) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
	}
	const labels = contract.wording.statusLabels ?? {};
	const parts = contract.statuses.filter((status) => status !== 'failed').map((status) => `${counts.get(status) ?? 0} ${labels[status] ?? status}`);
	return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The single error the node throws when IDs failed and "continue" is off: it names the failed IDs and
 * their items, gives the fix for the first failure, and says what did happen.
 */
export function bulkFailedError(
	node: INode,
	contract: BulkContract,
	failures: IdFailure[],
	outcomes: BulkOutcomes,
	/** Input items the node had not read yet when it stopped. */
	unreadItems = 0,
): NodeApiError {
	const attempted = failures.filter((failure) => failure.code !== 'NOT_SENT');
	const named = (attempted.length ? attempted : failures).slice(0, NAMED_FAILURES);
	const first = named[0];
	const uniqueIds = [...new Set(named.map((failure) => `"${failure.id}"`))];
	const more = attempted.length > named.length ? ` and ${attempted.length - named.length} more` : '';
	const itemIndexes = [...new Set(attempted.map((failure) => failure.itemIndex))].sort((a, b) => a - b);
	const itemsLabel = itemIndexes.length === 1 ? `[item ${itemIndexes[0]}]` : `[items ${itemIndexes.join(', ')}]`;
	const where = contract.target ? ` ${first.target}` : '';
	const count = attempted.length;
	const message = `${count} ${count === 1 ? contract.wording.noun : contract.wording.nouns} ${contract.wording.failed}${where}: ${uniqueIds.join(', ')}${more} ${itemsLabel}`;

	const notSent = failures.length - attempted.length;
	const progress =
		`${progressCounts(contract, outcomes)} before the node stopped` +
		(notSent ? `; ${notSent} were not sent` : '') +
		(unreadItems ? `; the last ${unreadItems} input items were not processed` : '') +
		'. To process the rest anyway, set the node setting On Error to "Continue".';

	const callError = first.outcome.callError;
	if (callError) {
		return tencentNodeApiError(node, callError, { message, description: sentences(callError.reason, callError.advice, progress), itemIndex: first.itemIndex });
	}
	return new NodeApiError(
		node,
		{ code: first.code ?? 'UNKNOWN', reason: first.reason },
		{
			message,
			description: sentences(first.reason, `Run the workflow again for these ${contract.wording.nouns}; if it persists, check them in the Tencent Chat console`, progress),
			itemIndex: first.itemIndex,
		},
	);
}
