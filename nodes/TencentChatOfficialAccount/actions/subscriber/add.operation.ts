import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runBulk } from '../../engine/bulk/runBulk';
import type { BulkContract } from '../../engine/bulk/types';
import { idListSourceProperties } from '../../engine/idListSource';
import { bulkOptionsDescription } from '../../engine/options';
import { ADD_RESULT, ADD_SUBSCRIBER, ADD_SUBSCRIBER_MAX_IDS_PER_CALL, COMMANDS } from '../../tencent/contract';
import { officialAccountProperty, SUBSCRIBER_IDS } from '../shared/subscriberIds';
import { subscriberListContract } from '../shared/subscriberListContract';

/** Subscriber → Add: `add_subscriber`, Result 1 added, 2 already subscribed (subscribed either way), 0 failed. */
export const contract: BulkContract = subscriberListContract({
	command: COMMANDS.addSubscriber,
	maxIdsPerCall: ADD_SUBSCRIBER_MAX_IDS_PER_CALL,
	body: (batch) => ({
		[ADD_SUBSCRIBER.officialAccount]: batch.target,
		[ADD_SUBSCRIBER.subscribersToAdd]: batch.ids.map((id) => ({ [ADD_SUBSCRIBER.subscriberAccount]: id })),
	}),
	reply: { list: ADD_SUBSCRIBER.resultList, idKey: ADD_SUBSCRIBER.resultAccount, resultKey: ADD_SUBSCRIBER.result },
	successes: { [ADD_RESULT.added]: 'added', [ADD_RESULT.alreadySubscribed]: 'alreadySubscribed' },
	failureReason: (result) =>
		result === ADD_RESULT.failed
			? 'Tencent Chat could not subscribe this user (Result 0): the user may not be imported (User → Import), the account may be full, or a callback refused it'
			: `Tencent Chat answered an unknown Result ${String(result)} for this user`,
	wording: {
		noun: 'subscriber',
		nouns: 'subscribers',
		failed: 'could not be added to',
		notDone: 'was not added to',
		statusLabels: { alreadySubscribed: 'already subscribed' },
	},
});

const properties: INodeProperties[] = [
	officialAccountProperty('The official account to subscribe the users to; its ID starts with @TOA#_'),
	...idListSourceProperties(SUBSCRIBER_IDS),
	bulkOptionsDescription(ADD_SUBSCRIBER_MAX_IDS_PER_CALL, 'subscribers'),
];

export const description = updateDisplayOptions({ show: { resource: ['subscriber'], operation: ['add'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBulk(this, contract);
}
