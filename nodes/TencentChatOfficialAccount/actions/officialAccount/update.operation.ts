import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { perItemOptionsDescription } from '../../engine/options';
import { runPerItem, type PerItemOperation } from '../../engine/perItem';
import { COMMANDS, MODIFY_ACCOUNT } from '../../tencent/contract';
import { accountFieldOptions, readAccountFieldsParameter } from '../shared/accountFields';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { officialAccountProperty } from '../shared/subscriberIds';

interface UpdateRequest {
	officialAccount: string;
	/** Only the fields the user set, under Tencent's names. */
	body: IDataObject;
	fields: IDataObject;
}

const UPDATE_FIELDS = 'Update Fields';

/** Official Account → Update: `modify_official_account_base_info`, one call per item, only the fields set. */
const operation: PerItemOperation<UpdateRequest> = {
	action: 'update the official account',
	read: (reader, itemIndex) => {
		const account = readOfficialAccount(reader, itemIndex);
		if (!account.ok) return account;
		const fields = readAccountFieldsParameter(reader, itemIndex, 'updateFields', UPDATE_FIELDS);
		if (!fields.ok) return fields;
		if (fields.count === 0) {
			return {
				ok: false,
				field: UPDATE_FIELDS,
				reason: `${UPDATE_FIELDS} is empty: there is nothing to change`,
				fix: `Add at least one field to ${UPDATE_FIELDS} (Add Field), e.g. Name or Introduction.`,
			};
		}
		return { ok: true, request: { officialAccount: account.value, body: { [MODIFY_ACCOUNT.officialAccount]: account.value, ...fields.body }, fields: fields.output } };
	},
	identify: (request) => ({ officialAccount: request.officialAccount }),
	run: async (client, request) => {
		await client.call(COMMANDS.modifyOfficialAccount, request.body);
		return { officialAccount: request.officialAccount, updated: true, ...request.fields };
	},
};

const properties: INodeProperties[] = [
	officialAccountProperty('The official account to change; its ID starts with @TOA#_'),
	{
		displayName: UPDATE_FIELDS,
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the others keep their values',
		options: accountFieldOptions(),
	},
	perItemOptionsDescription,
];

export const description = updateDisplayOptions({ show: { resource: ['officialAccount'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
