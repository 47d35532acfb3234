import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { resultListReader } from '../../engine/bulk/resultList';
import { runBulk } from '../../engine/bulk/runBulk';
import type { BulkContract } from '../../engine/bulk/types';
import { idListSourceProperties } from '../../engine/idListSource';
import { bulkOptionsDescription } from '../../engine/options';
import { ADD_RESULT, ADD_SUBSCRIBER, ADD_SUBSCRIBER_MAX_IDS_PER_CALL, COMMANDS } from '../../tencent/contract';
import { OFFICIAL_ACCOUNT_TARGET, officialAccountProperty, SUBSCRIBER_IDS } from '../shared/subscriberIds';

/** Subscriber → Add: `add_subscriber`, Result 1 added, 2 already subscribed (subscribed either way), 0 failed. */
export const contract: BulkContract = {
	command: COMMANDS.addSubscriber,
	maxIdsPerCall: ADD_SUBSCRIBER_MAX_IDS_PER_CALL,
	target: OFFICIAL_ACCOUNT_TARGET,
	ids: SUBSCRIBER_IDS,
	body: (batch) => ({
		[ADD_SUBSCRIBER.officialAccount]: batch.target,
		[ADD_SUBSCRIBER.subscribersToAdd]: batch.ids.map((id) => ({ [ADD_SUBSCRIBER.subscriberAccount]: id })),
	}),
	readReply: resultListReader({
		list: ADD_SUBSCRIBER.resultList,
		idKey: ADD_SUBSCRIBER.resultAccount,
		resultKey: ADD_SUBSCRIBER.result,
		successes: { [ADD_RESULT.added]: 'added', [ADD_RESULT.alreadySubscribed]: 'alreadySubscribed' },
		failureReason: (result) =>
			result === ADD_RESULT.failed
				? 'Tencent Chat could not subscribe this user (Result 0): the user may not be imported, the account may be full, or a callback refused it'
				: `Tencent Chat answered an unknown Result ${String(result)} for this user`,
	}),
	targetField: 'officialAccount',
	idField: 'subscriberId',
	statuses: ['added', 'alreadySubscribed', 'failed'],
	wording: {
		noun: 'subscriber',
		nouns: 'subscribers',
		failed: 'could not be added to',
		notDone: 'was not added to',
		statusLabels: { alreadySubscribed: 'already subscribed' },
	},
};

const properties: INodeProperties[] = [
	officialAccountProperty('The official account to subscribe the users to; its ID starts with @TOA#_'),
	...idListSourceProperties(SUBSCRIBER_IDS),
	bulkOptionsDescription(ADD_SUBSCRIBER_MAX_IDS_PER_CALL, 'subscribers'),
];

export const description = updateDisplayOptions({ show: { resource: ['subscriber'], operation: ['add'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBulk(this, contract);
}
