import type { INodeProperties } from 'n8n-workflow';

import { readFieldPath } from './fieldPath';
import { parseIdList, type IdEntry, type IdListRules } from './idList';
import type { ItemParameterReader } from './itemParameters';
import { readChecked } from './readChecked';

/**
 * Where an operation takes its list of IDs from: a parameter (Define Below: one ID, a list or an
 * expression) or a field of each input item (Input Field: no expression at all). Every operation that
 * takes many IDs offers the same choice through one of these.
 */
export interface IdListSource extends IdListRules {
	/** Parameter names: the mode, the list (Define Below) and the field path (Input Field). */
	fromParameter: string;
	listParameter: string;
	fieldParameter: string;
	/** Display names, e.g. "Subscriber IDs From", "Subscriber ID Field". */
	fromLabel: string;
	fieldLabel: string;
	listPlaceholder: string;
	listDescription: string;
	fieldPlaceholder: string;
	fieldDescription: string;
	/** How to fix a bad value, for the error description. */
	fix: string;
}

export type IdListMode = 'defineBelow' | 'inputField';

/**
 * Define Below stays the default: workflows saved with version 0.1 (which had only the list parameter)
 * keep working unchanged, and a dragged-in `{{ $json.field }}` there is read from the item directly, so
 * the default is as fast as Input Field for the common case.
 */
export const DEFAULT_ID_LIST_MODE: IdListMode = 'defineBelow';

export function idListSourceProperties(source: IdListSource): INodeProperties[] {
	return [
		{
			displayName: source.fromLabel,
			name: source.fromParameter,
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Define Below', value: 'defineBelow', description: `Type the ${source.label} or map them with an expression` },
				{ name: 'Input Field', value: 'inputField', description: 'Read them from a field of each input item (fastest for one item per contact)' },
			],
			default: DEFAULT_ID_LIST_MODE,
		},
		{
			displayName: source.label,
			name: source.listParameter,
			type: 'string',
			required: true,
			default: '',
			placeholder: source.listPlaceholder,
			description: source.listDescription,
			displayOptions: { show: { [source.fromParameter]: ['defineBelow'] } },
		},
		{
			displayName: source.fieldLabel,
			name: source.fieldParameter,
			type: 'string',
			required: true,
			requiresDataPath: 'single',
			default: '',
			placeholder: source.fieldPlaceholder,
			description: source.fieldDescription,
			displayOptions: { show: { [source.fromParameter]: ['inputField'] } },
		},
	];
}

export type IdListRead =
	| { ok: true; entries: IdEntry[] }
	| { ok: false; field: string; reason: string; fix: string };

/** Reads and parses one item's IDs from wherever the user said they are. */
export function readIdList(reader: ItemParameterReader, source: IdListSource, itemIndex: number): IdListRead {
	const mode = reader.read(source.fromParameter, itemIndex) === 'inputField' ? 'inputField' : 'defineBelow';
	if (mode === 'defineBelow') {
		const list = readChecked(reader, itemIndex, {
			parameter: source.listParameter,
			label: source.label,
			check: (raw) => {
				const parsed = parseIdList(raw, source);
				return parsed.ok ? { ok: true, value: parsed.entries } : parsed;
			},
			fix: source.fix,
		});
		return list.ok ? { ok: true, entries: list.value } : list;
	}
	const path = String(reader.read(source.fieldParameter, itemIndex) ?? '').trim();
	if (path === '') {
		return { ok: false, field: source.fieldLabel, reason: `${source.fieldLabel} is empty`, fix: `Enter the name of the input field that holds the ${source.label}, e.g. userId or contact.imUserId.` };
	}
	const field = readFieldPath(reader.itemJson(itemIndex), path);
	if (!field.found) {
		return {
			ok: false,
			field: source.fieldLabel,
			reason: `The input item has no field "${path}" (${source.fieldLabel})`,
			fix: `Check the field name, or filter out items without it before this node. Nested fields are written with dots, e.g. contact.imUserId.`,
		};
	}
	const parsed = parseIdList(field.value, { ...source, label: `Field "${path}"` });
	return parsed.ok ? parsed : { ok: false, field: source.fieldLabel, reason: parsed.reason, fix: source.fix };
}
