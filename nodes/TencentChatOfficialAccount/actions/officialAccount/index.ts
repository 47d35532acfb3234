import type { INodeProperties } from 'n8n-workflow';

import * as deleteAccount from './delete.operation';

/** Operations of the Official Account resource; adding one is a new file plus a line here. */
export const operations = {
	delete: deleteAccount,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['officialAccount'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an official account with all its subscribers',
				action: 'Delete an official account',
			},
		],
		default: 'delete',
	},
	...deleteAccount.description,
];
