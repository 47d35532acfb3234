import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as add from './add.operation';
import * as deleteSubscribers from './delete.operation';
import * as getMany from './getMany.operation';
import * as sync from './sync.operation';
import * as update from './update.operation';
import { operationProperty } from '../shared/versionedDefaults';

/** Operations of the Subscriber resource; adding one is a new file plus a line here. */
export const operations = {
	add,
	delete: deleteSubscribers,
	getAll: getMany,
	sync,
	update,
};

const subscriberOperations: INodePropertyOptions[] = [
	{
		name: 'Add',
		value: 'add',
		description: 'Subscribe users to an official account',
		action: 'Add subscribers',
	},
	{
		name: 'Delete',
		value: 'delete',
		description: 'Unsubscribe users from an official account',
		action: 'Delete subscribers',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: 'List many subscribers of an official account with their subscribe time, custom string and message setting',
		action: 'Get many subscribers',
	},
	{
		name: 'Sync',
		value: 'sync',
		description:
			'Make the subscribers of an official account match a list (e.g. a CRM segment): add the missing, remove the others, safely',
		action: 'Sync subscribers with a list',
	},
	{
		name: 'Update',
		value: 'update',
		description: "Set one subscriber's custom string; needs the official account ID and the subscriber's UserID",
		action: 'Update a subscriber',
	},
];

export const description: INodeProperties[] = [
	// Version 1 keeps its default (n8n saves only non-default values); version 2 defaults to a read.
	...operationProperty('subscriber', subscriberOperations, { version1: 'delete', fromVersion2: 'getAll' }),
	...add.description,
	...deleteSubscribers.description,
	...getMany.description,
	...sync.description,
	...update.description,
];
