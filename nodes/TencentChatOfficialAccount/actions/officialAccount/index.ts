import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteAccount from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';

/** Operations of the Official Account resource; adding one is a new file plus a line here. */
export const operations = {
	create,
	delete: deleteAccount,
	get,
	update,
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
				name: 'Create',
				value: 'create',
				description: 'Create an official account from an Owner (an existing UserID) and a Name; returns its ID',
				action: 'Create an official account',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an official account with all its subscribers',
				action: 'Delete an official account',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get the name, owner, subscriber count and other fields of official accounts by their IDs (one or many per item)',
				action: 'Get official accounts',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, introduction, avatar, organization, custom string or subscriber cap of an official account by its ID',
				action: 'Update an official account',
			},
		],
		// Version 1 workflows saved Delete as the default (n8n omits defaults when saving): keep it.
		default: 'delete',
	},
	...create.description,
	...deleteAccount.description,
	...get.description,
	...update.description,
];
