import type { IDataObject } from 'n8n-workflow';

import type { TencentCommand, TencentReplyEnvelope } from '../tencent/contract';
import { TencentCallError, type TencentClient } from '../transport';
import { ItemFailure } from './perItem';

/** How one Tencent list is paged: its cursor, the body of a page request and where the entries are. */
export interface PagedList<Cursor> {
	command: TencentCommand;
	/** The cursor of the first page. */
	first: Cursor;
	maxPageSize: number;
	body(cursor: Cursor, pageSize: number): IDataObject;
	entries(reply: TencentReplyEnvelope): IDataObject[];
	/** The next page's cursor, or undefined at the end of the list. */
	next(reply: TencentReplyEnvelope, cursor: Cursor, entriesOnPage: number): Cursor | undefined;
	/** "subscribers", for messages. */
	nouns: string;
}

/** Return All, or at most this many entries. */
export type ListLimit = number | 'all';

/**
 * Reads a list page by page, each page one call under the transport's limiter and retries, until its end
 * or the limit. A page that still fails after its retries fails the item, saying what was read so far.
 */
export async function collectPages<Cursor>(client: TencentClient, list: PagedList<Cursor>, limit: ListLimit): Promise<IDataObject[] | ItemFailure> {
	const collected: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: Cursor | undefined = list.first;
	let page = 0;
	while (cursor !== undefined && (limit === 'all' || collected.length < limit)) {
		const wanted = limit === 'all' ? list.maxPageSize : Math.min(list.maxPageSize, limit - collected.length);
		page++;
		const sent = await client.call(list.command, list.body(cursor, wanted)).then(
			(reply: TencentReplyEnvelope) => ({ reply, thrown: undefined }),
			(thrown: unknown) => ({ reply: undefined, thrown }),
		);
		if (sent.thrown instanceof TencentCallError) {
			return new ItemFailure(
				`Page ${page} of the ${list.nouns} could not be read after ${collected.length} ${list.nouns} were read: ${sent.thrown.reason}`,
				`${sent.thrown.advice} Run the workflow again to read the list from the start.`,
				sent.thrown,
				{ readSoFar: collected.length, page },
			);
		}
		if (!sent.reply) throw sent.thrown;
		const reply = sent.reply;
		const entries = list.entries(reply);
		for (const entry of entries) {
			if (limit !== 'all' && collected.length >= limit) break;
			collected.push(entry);
		}
		const next = list.next(reply, cursor, entries.length);
		// A cursor that comes back again would loop for ever; Tencent ends lists with an empty cursor.
		const key = JSON.stringify(next);
		if (next !== undefined && seen.has(key)) {
			return new ItemFailure(
				`Tencent Chat returned the same page cursor twice while listing ${list.nouns} (after ${collected.length} were read)`,
				'Run the workflow again; if it persists, report it to the node maintainers.',
				undefined,
				{ readSoFar: collected.length, page },
			);
		}
		seen.add(key);
		cursor = next;
	}
	return collected;
}

export function listEntries(reply: TencentReplyEnvelope, field: string): IDataObject[] {
	const list = reply[field];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}
