import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteAccount from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';
import { operationProperty } from '../shared/versionedDefaults';

/** Operations of the Official Account resource; adding one is a new file plus a line here. */
export const operations = {
	create,
	delete: deleteAccount,
	get,
	update,
};

const officialAccountOperations: INodePropertyOptions[] = [
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
];

export const description: INodeProperties[] = [
	// Version 1 keeps its default (n8n saves only non-default values); version 2 defaults to a read.
	...operationProperty('officialAccount', officialAccountOperations, { version1: 'delete', fromVersion2: 'get' }),
	...create.description,
	...deleteAccount.description,
	...get.description,
	...update.description,
];
