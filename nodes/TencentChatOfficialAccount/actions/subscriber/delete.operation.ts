import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { planDeleteBatches, runDeleteBatches, type DeleteOutcomes } from '../../helpers/deleteBatches';
import { deleteFailedError } from '../../helpers/deleteFailedError';
import { collectFailures, invalidItemMessage, perSubscriberItems, summaryItems, type FailureShape } from '../../helpers/deleteOutput';
import { readItemRequest, SUBSCRIBER_IDS_FIX, type ItemRequest } from '../../helpers/itemRequests';
import { createTencentClient } from '../../transport';
import { bulkOptionsDescription, readBulkOptions } from '../bulkOptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Official Account ID',
		name: 'officialAccount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. @TOA#_news',
		description: 'The official account to remove the subscribers from; its ID starts with @TOA#_',
	},
	{
		displayName: 'Subscriber IDs',
		name: 'subscriberIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user001, user002 or {{ $json.userIds }}',
		description:
			'UserIDs to unsubscribe: one ID, a list separated by commas, semicolons, spaces or new lines, or an expression returning a list of IDs',
	},
	bulkOptionsDescription,
];

const displayOptions = { show: { resource: ['subscriber'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function failureShapeOf(ctx: IExecuteFunctions): FailureShape {
	return ctx.getNode().onError === 'continueErrorOutput' ? 'errorOutput' : 'regularOutput';
}

/** Without "continue", the first invalid input stops the node before any call is made. */
function throwOnInvalidInput(ctx: IExecuteFunctions, requests: ItemRequest[]): void {
	for (const request of requests) {
		if (!request.valid) {
			throw new NodeOperationError(ctx.getNode(), invalidItemMessage(request), {
				itemIndex: request.itemIndex,
				description: request.fix,
			});
		}
		const bad = request.entries.find((entry) => !entry.ok);
		if (bad && !bad.ok) {
			throw new NodeOperationError(ctx.getNode(), `Subscriber IDs: ${bad.reason} [item ${request.itemIndex}]`, {
				itemIndex: request.itemIndex,
				description: SUBSCRIBER_IDS_FIX,
			});
		}
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const continueOnFail = this.continueOnFail();
	const options = readBulkOptions(this);
	const requests = this.getInputData().map((_, itemIndex) => readItemRequest(this, itemIndex));
	if (!continueOnFail) throwOnInvalidInput(this, requests);

	const batches = planDeleteBatches(
		requests.flatMap((request) =>
			request.valid
				? [{ officialAccount: request.officialAccount, subscriberIds: request.entries.flatMap((e) => (e.ok ? [e.id] : [])) }]
				: [],
		),
		options.batchSize,
	);

	let outcomes: DeleteOutcomes = new Map();
	if (batches.length > 0) {
		const stopController = new AbortController();
		const client = await createTencentClient(this, options.transport, stopController.signal);
		outcomes = await runDeleteBatches(client, batches, { stopOnFailure: !continueOnFail, stopController });
	}

	if (!continueOnFail) {
		const failures = collectFailures(requests, outcomes);
		if (failures.length > 0) throw deleteFailedError(this.getNode(), failures, outcomes);
	}

	const shape = failureShapeOf(this);
	return [options.output === 'summary' ? summaryItems(requests, outcomes, shape) : perSubscriberItems(requests, outcomes, shape)];
}
