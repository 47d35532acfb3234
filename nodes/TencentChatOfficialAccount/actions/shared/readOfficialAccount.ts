import type { ItemParameterReader } from '../../engine/itemParameters';
import { checkOfficialAccountId } from '../../helpers/identifiers';
import { OFFICIAL_ACCOUNT_FIX, OFFICIAL_ACCOUNT_TARGET } from './subscriberIds';

export type ReadField<T> = { ok: true; value: T } | { ok: false; field: string; reason: string; fix: string };

/** Reads and checks one item's Official Account ID (parameter `officialAccount`). */
export function readOfficialAccount(reader: ItemParameterReader, itemIndex: number): ReadField<string> {
	const label = OFFICIAL_ACCOUNT_TARGET.label;
	let raw: unknown;
	try {
		raw = reader.read(OFFICIAL_ACCOUNT_TARGET.parameter, itemIndex);
	} catch (error) {
		return { ok: false, field: label, reason: `${label} could not be read: ${error instanceof Error ? error.message : String(error)}`, fix: OFFICIAL_ACCOUNT_FIX };
	}
	const checked = checkOfficialAccountId(raw);
	return checked.ok ? checked : { ok: false, field: label, reason: checked.reason, fix: OFFICIAL_ACCOUNT_FIX };
}
