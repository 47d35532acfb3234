import type { IDataObject } from 'n8n-workflow';

import type { TencentCommand, TencentReplyEnvelope } from '../../tencent/contract';
import type { TencentCallError } from '../../transport';
import type { IdEntry } from '../idList';
import type { IdListSource } from '../idListSource';
import type { ItemParameterReader } from '../itemParameters';
import type { CheckedParameter } from '../readChecked';

/** One API call's worth of IDs, all for the same target (an official account, or none). */
export interface BulkBatch {
	target: string;
	ids: string[];
	/** The item details (`BulkContract.itemDetails`) of the batch's IDs that have any, by ID. */
	details?: ReadonlyMap<string, IDataObject>;
}

/** What happened to one ID. Successes are shared objects: a large run does not allocate one per ID. */
export interface IdOutcome {
	/** e.g. 'deleted', 'notSubscribed', 'failed'. */
	status: string;
	ok: boolean;
	/** Tencent's raw per-ID value (Result, RetCode); null when Tencent gave none. */
	result: number | null;
	/** Extra output fields of a success (e.g. an account's info). */
	fields?: IDataObject;
	/** Why it failed, in plain words; absent on success. */
	reason?: string;
	/** Tencent error code, HTTP status or socket code of a failed call, or a per-ID code. */
	code?: string;
	/** The failed call, for the fix advice of a final error. */
	callError?: TencentCallError;
}

/** Outcomes by target, then ID. */
export type BulkOutcomes = Map<string, Map<string, IdOutcome>>;

/** One input item, read and checked. */
export type BulkRequest =
	| { itemIndex: number; valid: true; target: string; entries: IdEntry[]; details?: IDataObject }
	| { itemIndex: number; valid: false; field: string; reason: string; fix: string };

/** An item's details as `BulkContract.itemDetails` read them: none, some, or that item's error. */
export type ItemDetailsRead = { ok: true; details?: IDataObject } | { ok: false; field: string; reason: string; fix: string };

/** The target parameter of a bulk operation (the official account), when it has one. */
export type BulkTarget = CheckedParameter<string>;

/**
 * Everything that makes one bulk operation different from another: its command, the body of a call, what
 * each per-ID result means, and how its output and messages name things. The engine does the rest.
 */
export interface BulkContract {
	command: TencentCommand;
	maxIdsPerCall: number;
	target?: BulkTarget;
	ids: IdListSource;
	/**
	 * Per-item data that travels with the item's IDs (User → Import's nickname and face URL), read and checked
	 * with the item after its IDs; `body` finds it in `batch.details`. An ID repeated in a later item is sent
	 * once, with the details of the first item that named it.
	 */
	itemDetails?(reader: ItemParameterReader, itemIndex: number, entries: IdEntry[]): ItemDetailsRead;
	/** The request body of one call. */
	body(batch: BulkBatch): IDataObject;
	/** Writes an outcome for every ID of the batch into `into`; an ID the reply is silent about is a failure. */
	readReply(batch: BulkBatch, reply: TencentReplyEnvelope, into: Map<string, IdOutcome>): void;
	/**
	 * A read (e.g. Get official accounts): the output is the data, so always one item per ID (also as an AI
	 * tool, and without an Output option), a success carrying only its ID and `fields`.
	 */
	dataOutput?: boolean;
	/**
	 * false when Tencent's reply has no per-ID value (multiaccount_import lists only the IDs that failed): the
	 * per-ID output then has no `result` field.
	 */
	perIdResult?: boolean;
	/** Output field names of the target and the ID, e.g. officialAccount / subscriberId. */
	targetField?: string;
	idField: string;
	/** Statuses in the order the summary counts them, the failure status last. */
	statuses: readonly string[];
	wording: {
		/** "subscriber" / "subscribers". */
		noun: string;
		nouns: string;
		/** "could not be removed from": followed by the target, if any. */
		failed: string;
		/** "was not removed from". */
		notDone: string;
		/** Readable names of the statuses for the progress line, e.g. { notSubscribed: 'not subscribed' }. */
		statusLabels?: Record<string, string>;
	};
}

export const FAILED = 'failed';
