import {
	NodeOperationError,
	sleep,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { DeleteBatchPlanner, DeleteDispatcher } from '../../helpers/deleteBatches';
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

/**
 * Reading items (n8n evaluates their expressions) is synchronous work. Yield after this much of it, so
 * the calls already planned make progress meanwhile: each HTTP call needs several event-loop turns.
 */
const READ_SLICE_MS = 5;

function failureShapeOf(ctx: IExecuteFunctions): FailureShape {
	return ctx.getNode().onError === 'continueErrorOutput' ? 'errorOutput' : 'regularOutput';
}

/** The error for the first invalid input of an item, when the node is not set to continue. */
function invalidInputError(ctx: IExecuteFunctions, request: ItemRequest): NodeOperationError | undefined {
	if (!request.valid) {
		return new NodeOperationError(ctx.getNode(), invalidItemMessage(request), { itemIndex: request.itemIndex, description: request.fix });
	}
	const bad = request.entries.find((entry) => !entry.ok);
	if (!bad || bad.ok) return undefined;
	return new NodeOperationError(ctx.getNode(), `Subscriber IDs: ${bad.reason} [item ${request.itemIndex}]`, {
		itemIndex: request.itemIndex,
		description: SUBSCRIBER_IDS_FIX,
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const continueOnFail = this.continueOnFail();
	const options = readBulkOptions(this);
	const planner = new DeleteBatchPlanner(options.batchSize);
	const stopController = new AbortController();
	const dispatcher = new DeleteDispatcher(async () => await createTencentClient(this, options.transport, stopController.signal), {
		stopOnFailure: !continueOnFail,
		stopController,
	});

	// Calls start as soon as a batch is full, while later items are still being read. Without "continue",
	// an invalid item or a failed call stops new calls, like any n8n node that stops at a failing item.
	const requests: ItemRequest[] = [];
	let invalidInput: NodeOperationError | undefined;
	const itemCount = this.getInputData().length;
	const cancelSignal = this.getExecutionCancelSignal();
	let sliceStart = Date.now();
	for (let itemIndex = 0; itemIndex < itemCount && !dispatcher.stopped && !cancelSignal?.aborted; itemIndex++) {
		const request = readItemRequest(this, itemIndex);
		if (!continueOnFail) invalidInput = invalidInputError(this, request);
		if (invalidInput) break;
		requests.push(request);
		if (request.valid) {
			const ids: string[] = [];
			for (const entry of request.entries) if (entry.ok) ids.push(entry.id);
			for (const batch of planner.add(request.officialAccount, ids)) dispatcher.dispatch(batch);
		}
		if (Date.now() - sliceStart >= READ_SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
		}
	}
	if (invalidInput) stopController.abort();
	else for (const batch of planner.flush()) dispatcher.dispatch(batch);

	const outcomes = await dispatcher.finished();
	if (invalidInput) throw invalidInput;
	if (!continueOnFail) {
		const failures = collectFailures(requests, outcomes);
		if (failures.length > 0) throw deleteFailedError(this.getNode(), failures, outcomes, itemCount - requests.length);
	}

	const shape = failureShapeOf(this);
	return [options.output === 'summary' ? summaryItems(requests, outcomes, shape) : perSubscriberItems(requests, outcomes, shape)];
}
