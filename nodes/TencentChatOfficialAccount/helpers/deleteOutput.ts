import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { DeleteOutcomes, SubscriberOutcome } from './deleteBatches';
import type { ItemRequest } from './itemRequests';

/**
 * How failures are shaped. n8n moves an item to the error output only when its json has nothing but
 * `error`, `message` and `details`, so for "Continue (using error output)" the fields go under `details`;
 * for "Continue (using regular output)" failures keep the same fields as successes, plus `error`.
 */
export type FailureShape = 'regularOutput' | 'errorOutput';

export interface SubscriberFailure {
	itemIndex: number;
	officialAccount: string;
	subscriberId: string;
	reason: string;
	code?: string;
}

export function subscriberFailureMessage(failure: Omit<SubscriberFailure, 'code'>): string {
	return `Subscriber "${failure.subscriberId}" was not removed from ${failure.officialAccount}: ${failure.reason} [item ${failure.itemIndex}]`;
}

export function invalidItemMessage(request: Extract<ItemRequest, { valid: false }>): string {
	return `${request.reason} [item ${request.itemIndex}]`;
}

function failureJson(shape: FailureShape, error: string, fields: IDataObject): IDataObject {
	return shape === 'errorOutput' ? { error, details: fields } : { ...fields, error };
}

/** Outcome of one entry of one item: an invalid entry fails without a call. */
function entryOutcome(
	request: Extract<ItemRequest, { valid: true }>,
	entry: Extract<ItemRequest, { valid: true }>['entries'][number],
	outcomes: DeleteOutcomes,
): { subscriberId: string; outcome: SubscriberOutcome } {
	if (!entry.ok) {
		return {
			subscriberId: entry.raw,
			outcome: { status: 'failed', result: null, reason: `Subscriber IDs: ${entry.reason}`, code: 'INVALID_ID' },
		};
	}
	const outcome = outcomes.get(request.officialAccount)?.get(entry.id) ?? {
		status: 'failed',
		result: null,
		reason: 'No call was made for this subscriber',
		code: 'NOT_SENT',
	};
	return { subscriberId: entry.id, outcome };
}

/** One item per (input item, subscriber ID), in input order, each linked to its input item. */
export function perSubscriberItems(
	requests: ItemRequest[],
	outcomes: DeleteOutcomes,
	shape: FailureShape,
): INodeExecutionData[] {
	const items: INodeExecutionData[] = [];
	for (const request of requests) {
		const pairedItem = { item: request.itemIndex };
		if (!request.valid) {
			items.push({ json: failureJson(shape, invalidItemMessage(request), { field: request.field, reason: request.reason }), pairedItem });
			continue;
		}
		for (const entry of request.entries) {
			const { subscriberId, outcome } = entryOutcome(request, entry, outcomes);
			const fields: IDataObject = {
				officialAccount: request.officialAccount,
				subscriberId,
				result: outcome.result,
				status: outcome.status,
			};
			if (outcome.status !== 'failed') {
				items.push({ json: fields, pairedItem });
				continue;
			}
			const message = subscriberFailureMessage({
				itemIndex: request.itemIndex,
				officialAccount: request.officialAccount,
				subscriberId,
				reason: outcome.reason ?? 'unknown reason',
			});
			items.push({ json: failureJson(shape, message, { ...fields, errorCode: outcome.code ?? null, reason: outcome.reason ?? null }), pairedItem });
		}
	}
	return items;
}

/** One item per input item with counts; failed IDs are listed with their reasons. */
export function summaryItems(
	requests: ItemRequest[],
	outcomes: DeleteOutcomes,
	shape: FailureShape,
): INodeExecutionData[] {
	return requests.map((request) => {
		const pairedItem = { item: request.itemIndex };
		if (!request.valid) {
			return { json: failureJson(shape, invalidItemMessage(request), { field: request.field, reason: request.reason }), pairedItem };
		}
		const counts = { deleted: 0, notSubscribed: 0, failed: 0 };
		const failures: IDataObject[] = [];
		for (const entry of request.entries) {
			const { subscriberId, outcome } = entryOutcome(request, entry, outcomes);
			counts[outcome.status]++;
			if (outcome.status === 'failed') {
				failures.push({ subscriberId, reason: outcome.reason ?? null, errorCode: outcome.code ?? null });
			}
		}
		return {
			json: {
				officialAccount: request.officialAccount,
				requested: request.entries.length,
				...counts,
				failures,
			},
			pairedItem,
		};
	});
}

/** Every failed subscriber of every valid item, in output order (for the error thrown without "continue"). */
export function collectFailures(requests: ItemRequest[], outcomes: DeleteOutcomes): Array<SubscriberFailure & { outcome: SubscriberOutcome }> {
	const failures: Array<SubscriberFailure & { outcome: SubscriberOutcome }> = [];
	for (const request of requests) {
		if (!request.valid) continue;
		for (const entry of request.entries) {
			const { subscriberId, outcome } = entryOutcome(request, entry, outcomes);
			if (outcome.status !== 'failed') continue;
			failures.push({
				itemIndex: request.itemIndex,
				officialAccount: request.officialAccount,
				subscriberId,
				reason: outcome.reason ?? 'unknown reason',
				code: outcome.code,
				outcome,
			});
		}
	}
	return failures;
}
