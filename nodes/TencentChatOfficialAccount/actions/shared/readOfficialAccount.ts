import type { ItemParameterReader } from '../../engine/itemParameters';
import { readCheckedParameter, type ReadField } from './readParameter';
import { OFFICIAL_ACCOUNT_TARGET } from './subscriberIds';

export type { ReadField } from './readParameter';

/** Reads and checks one item's Official Account ID (parameter `officialAccount`). */
export function readOfficialAccount(reader: ItemParameterReader, itemIndex: number): ReadField<string> {
	return readCheckedParameter(reader, itemIndex, OFFICIAL_ACCOUNT_TARGET);
}
