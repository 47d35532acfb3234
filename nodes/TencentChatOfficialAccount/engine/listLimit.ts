import type { INodeProperties } from 'n8n-workflow';

import type { ItemParameterReader } from './itemParameters';
import type { ListLimit } from './pages';

/** n8n's usual Return All / Limit pair for list operations. */
export function listLimitProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export function readListLimit(reader: ItemParameterReader, itemIndex: number): ListLimit {
	if (reader.read('returnAll', itemIndex) === true) return 'all';
	const limit = Math.floor(Number(reader.read('limit', itemIndex)));
	return Number.isFinite(limit) && limit >= 1 ? limit : 1;
}
