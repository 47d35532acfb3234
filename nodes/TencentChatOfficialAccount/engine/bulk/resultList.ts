import type { IDataObject } from 'n8n-workflow';

import type { TencentReplyEnvelope } from '../../tencent/contract';
import { FAILED, type BulkBatch, type IdOutcome } from './types';

export interface ResultListShape {
	/** The reply's list, e.g. SubscriberList / RecallRetList. */
	list: string;
	/** The ID field of each entry, e.g. Subscriber_Account / MsgKey. */
	idKey: string;
	/** The per-ID result field, e.g. Result / RetCode. */
	resultKey: string;
	/** Result values that are successes, and their status. */
	successes: Record<number, string>;
	/** Why a failing result failed, for output items and errors. */
	failureReason(result: number | null): string;
}

/**
 * Reads a reply that lists one result per ID (add_subscriber, delete_subscriber, recall). Successes are
 * shared frozen objects; an ID the reply does not mention is a failure, never dropped.
 */
export function resultListReader(shape: ResultListShape) {
	const successOutcomes = new Map<number, IdOutcome>();
	for (const [value, status] of Object.entries(shape.successes)) {
		successOutcomes.set(Number(value), Object.freeze({ status, ok: true, result: Number(value) }));
	}
	return (batch: BulkBatch, reply: TencentReplyEnvelope, into: Map<string, IdOutcome>): void => {
		const reported = new Map<string, unknown>();
		const list = reply[shape.list];
		if (Array.isArray(list)) {
			for (const entry of list as IDataObject[]) reported.set(String(entry?.[shape.idKey]), entry?.[shape.resultKey]);
		}
		for (const id of batch.ids) {
			if (!reported.has(id)) {
				into.set(id, {
					status: FAILED,
					ok: false,
					result: null,
					reason: "Tencent Chat's reply carried no result for this ID, so the change may not have happened",
					code: 'NO_RESULT',
				});
				continue;
			}
			const raw = reported.get(id);
			const result = Number(raw);
			const success = successOutcomes.get(result);
			if (success) {
				into.set(id, success);
				continue;
			}
			const known = Number.isFinite(result) && raw !== null && raw !== '' ? result : null;
			into.set(id, { status: FAILED, ok: false, result: known, reason: shape.failureReason(known), code: `RESULT_${String(raw)}` });
		}
	};
}
