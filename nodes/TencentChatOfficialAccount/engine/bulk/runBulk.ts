import { NodeOperationError, sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { createTencentClient } from '../../transport';
import { addExpressionHint } from '../expressionHint';
import { failureShapeOf } from '../failureShape';
import { readIdList } from '../idListSource';
import { ItemParameterReader } from '../itemParameters';
import { readBulkOptions } from '../options';
import { readChecked } from '../readChecked';
import { BulkDispatcher } from './dispatcher';
import { bulkFailedError } from './failedError';
import { appendRequestItems, collectFailures, invalidItemMessage, isResolved, summaryItems } from './output';
import { BatchPlanner } from './planner';
import type { FailureShape } from '../failureShape';
import type { BulkContract, BulkRequest } from './types';

/**
 * Reading items is synchronous work (n8n evaluates their expressions). Yield after this much of it, so
 * the calls already planned make progress meanwhile: each HTTP call needs several event-loop turns.
 */
const READ_SLICE_MS = 5;

/** Reads and checks one item's target and IDs. */
export function readBulkRequest(reader: ItemParameterReader, contract: BulkContract, itemIndex: number): BulkRequest {
	let target = '';
	if (contract.target) {
		const read = readChecked(reader, itemIndex, contract.target);
		if (!read.ok) return { itemIndex, valid: false, field: read.field, reason: read.reason, fix: read.fix };
		target = read.value;
	}
	const ids = readIdList(reader, contract.ids, itemIndex);
	if (!ids.ok) return { itemIndex, valid: false, field: ids.field, reason: ids.reason, fix: ids.fix };
	if (!contract.itemDetails) return { itemIndex, valid: true, target, entries: ids.entries };
	const details = contract.itemDetails(reader, itemIndex, ids.entries);
	if (!details.ok) return { itemIndex, valid: false, field: details.field, reason: details.reason, fix: details.fix };
	return { itemIndex, valid: true, target, entries: ids.entries, details: details.details };
}

/** The error for the first invalid input of an item, when the node is not set to continue. */
function invalidInputError(ctx: IExecuteFunctions, contract: BulkContract, request: BulkRequest): NodeOperationError | undefined {
	if (!request.valid) {
		return new NodeOperationError(ctx.getNode(), invalidItemMessage(request), { itemIndex: request.itemIndex, description: request.fix });
	}
	const bad = request.entries.find((entry) => !entry.ok);
	if (!bad || bad.ok) return undefined;
	return new NodeOperationError(ctx.getNode(), `${contract.ids.label}: ${bad.reason} [item ${request.itemIndex}]`, {
		itemIndex: request.itemIndex,
		description: contract.ids.fix,
	});
}

/**
 * The bulk engine: reads the items → groups their IDs per target → dispatches full batches under the
 * limiter while later items are still read → one outcome per ID → output and error shaping. Operations
 * differ only in their contract.
 */
export async function runBulk(ctx: IExecuteFunctions, contract: BulkContract): Promise<INodeExecutionData[][]> {
	const startedAt = Date.now();
	const continueOnFail = ctx.continueOnFail();
	const options = readBulkOptions(ctx, contract.maxIdsPerCall);
	const reader = new ItemParameterReader(ctx);
	const planner = new BatchPlanner(options.batchSize);
	const stopController = new AbortController();
	const dispatcher = new BulkDispatcher(contract, async () => await createTencentClient(ctx, options.transport, stopController.signal), {
		stopOnFailure: !continueOnFail,
		stopController,
	});

	// Calls start as soon as a batch is full, while later items are still being read. Without "continue",
	// an invalid item or a failed call stops new calls, like any n8n node that stops at a failing item.
	const requests: BulkRequest[] = [];
	let invalidInput: NodeOperationError | undefined;
	const itemCount = reader.itemCount;
	const cancelSignal = ctx.getExecutionCancelSignal();
	let sliceStart = Date.now();
	for (let itemIndex = 0; itemIndex < itemCount && !dispatcher.stopped && !cancelSignal?.aborted; itemIndex++) {
		const request = readBulkRequest(reader, contract, itemIndex);
		if (!continueOnFail) invalidInput = invalidInputError(ctx, contract, request);
		if (invalidInput) break;
		requests.push(request);
		if (request.valid) {
			const ids: string[] = [];
			for (const entry of request.entries) if (entry.ok) ids.push(entry.id);
			for (const batch of planner.add(request.target, ids, request.details)) dispatcher.dispatch(batch);
		}
		if (Date.now() - sliceStart >= READ_SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
		}
	}
	if (invalidInput) stopController.abort();
	else for (const batch of planner.flush()) dispatcher.dispatch(batch);

	// The output of 100 000 IDs takes a while to build: build it behind the replies, in the waits between them,
	// instead of after the last one.
	const shape = failureShapeOf(ctx);
	const perId = options.output !== 'summary' || contract.dataOutput === true;
	const building = perId ? buildBehindReplies(contract, requests, dispatcher, shape) : undefined;
	const outcomes = await dispatcher.finished();
	addExpressionHint(ctx, reader, startedAt, { label: contract.ids.label, fromLabel: contract.ids.fromLabel });
	if (invalidInput) throw invalidInput;
	if (!continueOnFail) {
		const failures = collectFailures(contract, requests, outcomes);
		if (failures.length > 0) throw bulkFailedError(ctx.getNode(), contract, failures, outcomes, itemCount - requests.length);
	}
	return [building ? await building : summaryItems(contract, requests, outcomes, shape)];
}

/** Builds the per-ID output in input order, each item as soon as its IDs have their outcomes. */
async function buildBehindReplies(contract: BulkContract, requests: BulkRequest[], dispatcher: BulkDispatcher, shape: FailureShape): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	let sliceStart = Date.now();
	for (const request of requests) {
		while (dispatcher.inFlight > 0 && !isResolved(request, dispatcher.outcomes)) await dispatcher.nextSettled();
		appendRequestItems(contract, request, dispatcher.outcomes, shape, items);
		if (Date.now() - sliceStart >= READ_SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
		}
	}
	return items;
}
