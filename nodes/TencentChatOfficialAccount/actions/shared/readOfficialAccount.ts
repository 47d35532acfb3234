import type { ItemParameterReader } from '../../engine/itemParameters';
import { readChecked, type ReadField } from '../../engine/readChecked';
import { OFFICIAL_ACCOUNT_TARGET } from './subscriberIds';

export type { ReadField } from '../../engine/readChecked';

/** Reads and checks one item's Official Account ID (parameter `officialAccount`). */
export function readOfficialAccount(reader: ItemParameterReader, itemIndex: number): ReadField<string> {
	return readChecked(reader, itemIndex, OFFICIAL_ACCOUNT_TARGET);
}
