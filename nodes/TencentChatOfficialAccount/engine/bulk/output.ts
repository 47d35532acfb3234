import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { failureJson, type FailureShape } from '../failureShape';
import type { IdEntry } from '../idList';
import { FAILED, type BulkContract, type BulkOutcomes, type BulkRequest, type IdOutcome } from './types';

export type OutputMode = 'perId' | 'summary';

type ValidRequest = Extract<BulkRequest, { valid: true }>;
type InvalidRequest = Extract<BulkRequest, { valid: false }>;

export interface IdFailure {
	itemIndex: number;
	target: string;
	id: string;
	reason: string;
	code?: string;
	outcome: IdOutcome;
}

const NO_CALL: IdOutcome = Object.freeze({ status: FAILED, ok: false, result: null, reason: 'No call was made for this ID', code: 'NOT_SENT' });

export function invalidItemMessage(request: InvalidRequest): string {
	return `${request.reason} [item ${request.itemIndex}]`;
}

/** Outcome of one entry of one item: an invalid entry fails without a call. */
function entryOutcome(contract: BulkContract, request: ValidRequest, entry: IdEntry, outcomes: BulkOutcomes): { id: string; outcome: IdOutcome } {
	if (!entry.ok) {
		return { id: entry.raw, outcome: { status: FAILED, ok: false, result: null, reason: `${contract.ids.label}: ${entry.reason}`, code: 'INVALID_ID' } };
	}
	return { id: entry.id, outcome: outcomes.get(request.target)?.get(entry.id) ?? NO_CALL };
}

export function idFailureMessage(contract: BulkContract, failure: Omit<IdFailure, 'outcome' | 'code'>): string {
	const where = contract.target ? ` ${failure.target}` : '';
	const noun = contract.wording.noun[0].toUpperCase() + contract.wording.noun.slice(1);
	return `${noun} "${failure.id}" ${contract.wording.notDone}${where}: ${failure.reason} [item ${failure.itemIndex}]`;
}

function invalidItemJson(shape: FailureShape, request: InvalidRequest): IDataObject {
	return failureJson(shape, invalidItemMessage(request), { field: request.field, reason: request.reason });
}

/** Whether every ID of the request has its outcome (an invalid request or entry needs none). */
export function isResolved(request: BulkRequest, outcomes: BulkOutcomes): boolean {
	if (!request.valid) return true;
	const target = outcomes.get(request.target);
	for (const entry of request.entries) if (entry.ok && !target?.has(entry.id)) return false;
	return true;
}

/** Appends one input item's output items (one per ID) to `into`, each linked to that input item. */
export function appendRequestItems(contract: BulkContract, request: BulkRequest, outcomes: BulkOutcomes, shape: FailureShape, into: INodeExecutionData[]): void {
	const pairedItem = { item: request.itemIndex };
	if (!request.valid) {
		into.push({ json: invalidItemJson(shape, request), pairedItem });
		return;
	}
	for (const entry of request.entries) {
		const { id, outcome } = entryOutcome(contract, request, entry, outcomes);
		if (outcome.ok && contract.dataOutput) {
			into.push({ json: { [contract.idField]: id, ...outcome.fields }, pairedItem });
			continue;
		}
		const fields: IDataObject = {};
		if (contract.targetField) fields[contract.targetField] = request.target;
		fields[contract.idField] = id;
		if (contract.perIdResult !== false) fields.result = outcome.result;
		fields.status = outcome.status;
		if (outcome.ok) {
			into.push({ json: outcome.fields ? { ...fields, ...outcome.fields } : fields, pairedItem });
			continue;
		}
		const message = idFailureMessage(contract, { itemIndex: request.itemIndex, target: request.target, id, reason: outcome.reason ?? 'unknown reason' });
		into.push({ json: failureJson(shape, message, { ...fields, errorCode: outcome.code ?? null, reason: outcome.reason ?? null }), pairedItem });
	}
}

/** One item per input item with a count per status; failed IDs are listed with their reasons. */
export function summaryItems(contract: BulkContract, requests: BulkRequest[], outcomes: BulkOutcomes, shape: FailureShape): INodeExecutionData[] {
	return requests.map((request) => {
		const pairedItem = { item: request.itemIndex };
		if (!request.valid) return { json: invalidItemJson(shape, request), pairedItem };
		const counts: Record<string, number> = Object.fromEntries(contract.statuses.map((status) => [status, 0]));
		const failures: IDataObject[] = [];
		for (const entry of request.entries) {
			const { id, outcome } = entryOutcome(contract, request, entry, outcomes);
			counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
			if (!outcome.ok) failures.push({ [contract.idField]: id, reason: outcome.reason ?? null, errorCode: outcome.code ?? null });
		}
		const json: IDataObject = {};
		if (contract.targetField) json[contract.targetField] = request.target;
		return { json: { ...json, requested: request.entries.length, ...counts, failures }, pairedItem };
	});
}

/** Every failed ID of every valid item, in output order (for the error thrown without "continue"). */
export function collectFailures(contract: BulkContract, requests: BulkRequest[], outcomes: BulkOutcomes): IdFailure[] {
	const failures: IdFailure[] = [];
	for (const request of requests) {
		if (!request.valid) continue;
		for (const entry of request.entries) {
			const { id, outcome } = entryOutcome(contract, request, entry, outcomes);
			if (outcome.ok) continue;
			failures.push({ itemIndex: request.itemIndex, target: request.target, id, reason: outcome.reason ?? 'unknown reason', code: outcome.code, outcome });
		}
	}
	return failures;
}
