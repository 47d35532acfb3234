import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { createTencentClient, ExecutionCancelledError, TencentCallError, tencentNodeApiError, type TencentClient } from '../transport';
import { addExpressionHint } from './expressionHint';
import { failureJson, failureShapeOf, sentences } from './failureShape';
import { ItemParameterReader } from './itemParameters';
import { readOptions, readTransportSettings } from './options';

/** One item's input, read and checked; an invalid item sends nothing. */
export type ItemInput<Request> = { ok: true; request: Request } | { ok: false; field: string; reason: string; fix: string };

/** A failure an operation returns for an item itself (e.g. a list page failing midway). */
export class ItemFailure {
	constructor(
		readonly message: string,
		readonly fix: string,
		readonly callError?: TencentCallError,
		readonly details: IDataObject = {},
	) {}
}

export interface PerItemOperation<Request> {
	/** What the operation does, for messages: "create the official account". */
	action: string;
	read(reader: ItemParameterReader, itemIndex: number): ItemInput<Request>;
	/** Makes the item's call(s); resolves to its output items' JSON (one or many), or to its failure. */
	run(client: TencentClient, request: Request, itemIndex: number): Promise<IDataObject | IDataObject[] | ItemFailure>;
	/** Fields that identify the item in a failure's details, e.g. { officialAccount }. */
	identify?(request: Request): IDataObject;
	/**
	 * A check of the run as a whole (Send: at most 2 messages per account). When given, every item is read
	 * first and nothing is sent unless the check passes; a refusal fails the node before any call.
	 */
	checkRun?(
		requests: ReadonlyArray<{ itemIndex: number; request: Request }>,
		/** The run's client, for a check that reads from Tencent (Send: the account's last hour). */
		connect: () => Promise<TencentClient>,
	): { message: string; fix: string } | undefined | Promise<{ message: string; fix: string } | undefined>;
}

type ItemResult =
	| { kind: 'ok'; json: IDataObject[] }
	| { kind: 'invalid'; field: string; reason: string; fix: string }
	| { kind: 'failed'; message: string; description: string; details: IDataObject; callError?: TencentCallError };

const NOT_SENT = 'NOT_SENT';

/** Reading items is synchronous; yield after this long so calls already started make progress. */
const READ_SLICE_MS = 5;

/**
 * Runs an operation that makes its own call(s) for each item. Items run concurrently through one client
 * (the transport's rate limiter, concurrency bound and retries; credentials read once), so 1000 items go at
 * the API's rate. Output keeps input order and pairedItem. Without "continue", the first failure stops new
 * items, lets those under way finish, then fails the node with that item's error.
 */
export async function runPerItem<Request>(ctx: IExecuteFunctions, operation: PerItemOperation<Request>): Promise<INodeExecutionData[][]> {
	const startedAt = Date.now();
	const continueOnFail = ctx.continueOnFail();
	const reader = new ItemParameterReader(ctx);
	const stopController = new AbortController();
	const settings = readTransportSettings(readOptions(ctx));
	let client: Promise<TencentClient> | undefined;
	const results: ItemResult[] = [];
	const running: Array<Promise<void>> = [];
	let firstFailure: number | undefined;
	const cancelSignal = ctx.getExecutionCancelSignal();
	const stop = (itemIndex: number) => {
		if (continueOnFail) return;
		firstFailure = firstFailure === undefined ? itemIndex : Math.min(firstFailure, itemIndex);
		stopController.abort();
	};

	const start = (request: Request, index: number) => {
		client ??= createTencentClient(ctx, settings, stopController.signal);
		const run = runOne(operation, client, request, index).then((result) => {
			results[index] = result;
			// An item stopped before its call went out is not the failure the node reports.
			if (result.kind !== 'ok' && !(result.kind === 'failed' && result.details.errorCode === NOT_SENT)) stop(index);
		});
		// Its error (e.g. a credential the client refuses) reaches n8n through Promise.all below; until then the
		// loop may yield, and Node would report the rejection as unhandled.
		run.catch(() => undefined);
		running.push(run);
	};
	const held: Array<{ itemIndex: number; request: Request }> = [];

	let sliceStart = Date.now();
	for (let itemIndex = 0; itemIndex < reader.itemCount && !stopController.signal.aborted && !cancelSignal?.aborted; itemIndex++) {
		const input = operation.read(reader, itemIndex);
		if (!input.ok) {
			results[itemIndex] = { kind: 'invalid', field: input.field, reason: input.reason, fix: input.fix };
			stop(itemIndex);
			continue;
		}
		if (operation.checkRun) held.push({ itemIndex, request: input.request });
		else start(input.request, itemIndex);
		if (Date.now() - sliceStart >= READ_SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
		}
	}
	if (operation.checkRun && firstFailure === undefined && !cancelSignal?.aborted) {
		const refusal = await operation.checkRun(held, async () => await (client ??= createTencentClient(ctx, settings, stopController.signal)));
		if (refusal) throw new NodeOperationError(ctx.getNode(), refusal.message, { description: refusal.fix });
		for (const { itemIndex, request } of held) start(request, itemIndex);
	}
	await Promise.all(running);
	addExpressionHint(ctx, reader, startedAt, { label: 'values', fromLabel: 'the parameters' });
	if (cancelSignal?.aborted) throw new ExecutionCancelledError();

	if (firstFailure !== undefined) throw itemError(ctx, results[firstFailure], firstFailure, results);

	const shape = failureShapeOf(ctx);
	const output: INodeExecutionData[] = [];
	results.forEach((result, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if (!result) return;
		if (result.kind === 'ok') {
			for (const json of result.json) output.push({ json, pairedItem });
		} else if (result.kind === 'invalid') {
			output.push({ json: failureJson(shape, `${result.reason} [item ${itemIndex}]`, { field: result.field, reason: result.reason }), pairedItem });
		} else {
			output.push({ json: failureJson(shape, `${result.message} [item ${itemIndex}]`, result.details), pairedItem });
		}
	});
	return [output];
}

async function runOne<Request>(operation: PerItemOperation<Request>, client: Promise<TencentClient>, request: Request, itemIndex: number): Promise<ItemResult> {
	const identity = operation.identify?.(request) ?? {};
	const ran = await client
		.then(async (connected) => await operation.run(connected, request, itemIndex))
		.then(
			(json) => ({ json, thrown: undefined }),
			(thrown: unknown) => ({ json: undefined, thrown }),
		);
	if (ran.json instanceof ItemFailure) {
		const failure = ran.json;
		return {
			kind: 'failed',
			message: failure.message,
			description: failure.fix,
			details: { ...identity, ...failure.details, errorCode: failure.callError?.code ?? null },
			callError: failure.callError,
		};
	}
	if (ran.json !== undefined) return { kind: 'ok', json: Array.isArray(ran.json) ? ran.json : [ran.json] };
	if (ran.thrown instanceof TencentCallError) {
		const error = ran.thrown;
		return {
			kind: 'failed',
			message: `Could not ${operation.action}: ${error.reason}`,
			description: error.advice,
			details: { ...identity, errorCode: error.code, reason: error.reason },
			callError: error,
		};
	}
	if (ran.thrown instanceof ExecutionCancelledError) {
		return { kind: 'failed', message: 'Not sent: the node stopped after another item failed', description: '', details: { ...identity, errorCode: NOT_SENT } };
	}
	// Anything else is a bug or a cancelled execution: let n8n see it as it is.
	throw ran.thrown;
}

/** The error the node throws for its first failed item, saying what the other items did. */
function itemError(ctx: IExecuteFunctions, result: ItemResult, itemIndex: number, results: ItemResult[]): Error {
	const done = results.filter((entry) => entry?.kind === 'ok').length;
	const progress = `${done} item${done === 1 ? '' : 's'} succeeded before the node stopped. To process the rest anyway, set the node setting On Error to "Continue".`;
	if (result.kind === 'invalid') {
		return new NodeOperationError(ctx.getNode(), `${result.reason} [item ${itemIndex}]`, { itemIndex, description: sentences(result.fix, progress) });
	}
	if (result.kind === 'failed' && result.callError) {
		return tencentNodeApiError(ctx.getNode(), result.callError, {
			message: `${result.message} [item ${itemIndex}]`,
			description: sentences(result.description, progress),
			itemIndex,
			details: result.details as JsonObject,
		});
	}
	const message = result.kind === 'failed' ? result.message : 'The item failed';
	const description = result.kind === 'failed' ? result.description : '';
	return new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, { itemIndex, description: sentences(description, progress) });
}
