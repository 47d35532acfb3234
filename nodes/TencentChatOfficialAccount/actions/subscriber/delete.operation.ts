import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runBulk } from '../../engine/bulk/runBulk';
import type { BulkContract } from '../../engine/bulk/types';
import { idListSourceProperties } from '../../engine/idListSource';
import { bulkOptionsDescription } from '../../engine/options';
import { COMMANDS, DELETE_SUBSCRIBER, DELETE_SUBSCRIBER_MAX_IDS_PER_CALL, SUBSCRIBER_RESULT } from '../../tencent/contract';
import { officialAccountProperty, SUBSCRIBER_IDS } from '../shared/subscriberIds';
import { subscriberListContract } from '../shared/subscriberListContract';

/** Subscriber → Delete: `delete_subscriber`, Result 1 deleted, 2 not subscribed (gone either way), 0 failed. */
export const contract: BulkContract = subscriberListContract({
	command: COMMANDS.deleteSubscriber,
	maxIdsPerCall: DELETE_SUBSCRIBER_MAX_IDS_PER_CALL,
	body: (batch) => ({ [DELETE_SUBSCRIBER.officialAccount]: batch.target, [DELETE_SUBSCRIBER.subscribersToDelete]: batch.ids }),
	reply: { list: DELETE_SUBSCRIBER.resultList, idKey: DELETE_SUBSCRIBER.resultAccount, resultKey: DELETE_SUBSCRIBER.result },
	successes: { [SUBSCRIBER_RESULT.deleted]: 'deleted', [SUBSCRIBER_RESULT.notSubscribed]: 'notSubscribed' },
	failureReason: (result) =>
		result === SUBSCRIBER_RESULT.failed
			? 'Tencent Chat could not remove this subscriber (Result 0)'
			: `Tencent Chat answered an unknown Result ${String(result)} for this subscriber`,
	wording: {
		noun: 'subscriber',
		nouns: 'subscribers',
		failed: 'could not be removed from',
		notDone: 'was not removed from',
		statusLabels: { notSubscribed: 'not subscribed' },
	},
});

const properties: INodeProperties[] = [
	{
		displayName:
			'Delete unsubscribes the listed users from the official account; they stop getting its messages until they subscribe again. An item with an empty ID list is refused and removes nobody.',
		name: 'deleteSubscribersNotice',
		type: 'notice',
		default: '',
	},
	officialAccountProperty('The official account to remove the subscribers from; its ID starts with @TOA#_'),
	...idListSourceProperties(SUBSCRIBER_IDS),
	bulkOptionsDescription(DELETE_SUBSCRIBER_MAX_IDS_PER_CALL, 'subscribers'),
];

export const description = updateDisplayOptions({ show: { resource: ['subscriber'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBulk(this, contract);
}
