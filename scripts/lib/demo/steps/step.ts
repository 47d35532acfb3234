import type { DemoContext } from '../context';

/** One section of the demo: a heading and what it runs. Steps run in list order and share one emulator. */
export interface DemoStep {
	/** The resource this step shows, as the node's Resource list names it (the demo's test checks each appears). */
	resource: string;
	title: string;
	run(demo: DemoContext): Promise<void>;
}

/** The official account the examples use (seeded with user001 … user100). */
export const NEWS = '@TOA#_demo_news';
/** Created by the demo and deleted at its end. */
export const SHOP = '@TOA#_demo_shop';
