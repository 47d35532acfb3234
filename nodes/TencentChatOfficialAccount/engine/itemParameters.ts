import * as n8nWorkflow from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { readSegments } from './fieldPath';

/**
 * `={{ $json.a.b }}` (or `$json["a b"]`) and nothing else: the expression n8n inserts when a field is
 * dragged from the input panel. Anything more (functions, other variables, text around it) goes to n8n.
 */
const PLAIN_JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*')\])+)\s*\}\}$/;

const JSON_PATH_PART = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\]*)"|'([^'\\]*)')\]/g;

type ParameterSource =
	| { kind: 'fixed'; value: unknown }
	| { kind: 'jsonPath'; segments: string[] }
	| { kind: 'expression' };

/** The read-once plan of a parameter; exported for the tests that compare it with n8n's own evaluation. */
export function parameterSource(raw: unknown): ParameterSource | { kind: 'unread' } {
	if (!containsExpression(raw)) return { kind: 'unread' };
	if (typeof raw === 'string') {
		const match = PLAIN_JSON_PATH.exec(raw);
		if (match) {
			const segments = [...match[1].matchAll(JSON_PATH_PART)].map((part) => part[1] ?? part[2] ?? part[3]);
			if (segments.every(isSafeSegment)) return { kind: 'jsonPath', segments };
		}
	}
	return { kind: 'expression' };
}

/**
 * n8n refuses expressions that touch `constructor`, `__proto__` and the like; such a path goes to n8n, so
 * the user sees n8n's own error. Hosts whose n8n-workflow lacks the check get no fast path at all.
 */
function isSafeSegment(segment: string): boolean {
	const isSafe = (n8nWorkflow as { isSafeObjectProperty?: (property: string) => boolean }).isSafeObjectProperty;
	return typeof isSafe === 'function' && isSafe(segment);
}

function containsExpression(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.startsWith('=');
	if (Array.isArray(raw)) return raw.some(containsExpression);
	if (typeof raw === 'object' && raw !== null) return Object.values(raw).some(containsExpression);
	return false;
}

/** Values that n8n hands over unchanged from `{{ $json.x }}`; anything else is left to n8n to evaluate. */
function isPlainValue(value: unknown): boolean {
	if (typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) return value.every((entry) => typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry)));
	return false;
}

/**
 * Reads node parameters for many items without doing any work twice. A parameter without an expression is
 * the same for every item, so it is read once per run. A plain `{{ $json.path }}` is read straight from the
 * item: in a real n8n each expression costs about 1 ms per item (its `vm` engine), reading a field 0.1 µs.
 * Everything else is evaluated by n8n for each item, and the time it takes is counted for the hint.
 */
export class ItemParameterReader {
	/** Time spent in n8n's expression evaluation, and how many evaluations. */
	expressionMs = 0;

	expressionReads = 0;

	private readonly items: INodeExecutionData[];

	private readonly rawParameters: INodeParameters;

	private readonly sources = new Map<string, ParameterSource>();

	constructor(private readonly ctx: IExecuteFunctions) {
		this.items = ctx.getInputData();
		this.rawParameters = ctx.getNode().parameters;
	}

	get itemCount(): number {
		return this.items.length;
	}

	/** The item's JSON, for operations that read fields of the item directly. */
	itemJson(itemIndex: number): unknown {
		return this.items[itemIndex]?.json;
	}

	read(name: string, itemIndex: number): unknown {
		const source = this.sourceOf(name);
		if (source.kind === 'fixed') return source.value;
		if (source.kind === 'jsonPath') {
			const field = readSegments(this.items[itemIndex]?.json, source.segments);
			if (field.found && isPlainValue(field.value)) return field.value;
		}
		const started = Date.now();
		try {
			return this.ctx.getNodeParameter(name, itemIndex);
		} finally {
			this.expressionMs += Date.now() - started;
			this.expressionReads++;
		}
	}

	private sourceOf(name: string): ParameterSource {
		let source = this.sources.get(name);
		if (!source) {
			const planned = parameterSource(this.rawParameters[name]);
			// No expression: n8n returns the same value for every item (it also fills in defaults).
			source = planned.kind === 'unread' ? { kind: 'fixed', value: this.ctx.getNodeParameter(name, 0) } : planned;
			this.sources.set(name, source);
		}
		return source;
	}
}

