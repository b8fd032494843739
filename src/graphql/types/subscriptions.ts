import { itemMatches, type TimelineFilter as DomainFilter } from '../../domain/timeline.ts';
import { builder } from '../builder.ts';
import type { Context, LiveEvent } from '../context.ts';
import { TimelineItem } from '../refs.ts';
import { TimelineFilter, toDomainFilter } from './timeline-item.ts';

/** The ids of the items a live event names that match the filter, as they are committed, until the server shuts down. */
async function* matching(ctx: Context, event: LiveEvent, filter: DomainFilter, withRetracted: boolean): AsyncGenerator<number> {
  const events = ctx.editor.subscribe(event)[Symbol.asyncIterator]();
  const closing = ctx.editor.closing;
  const closed = new Promise<null>((resolve) => (closing.aborted ? resolve(null) : closing.addEventListener('abort', () => resolve(null), { once: true })));
  try {
    for (;;) {
      const next = await Promise.race([events.next(), closed]);
      if (next === null || next.done) return;
      if (itemMatches(ctx.db, filter, next.value, withRetracted)) yield next.value;
    }
  } finally {
    await events.return?.();
  }
}

builder.subscriptionFields((t) => ({
  timelineItemAdded: t.field({
    type: TimelineItem,
    description: 'Each timeline item a mutation adds that matches the filter (the filter of `timeline`), once its transaction commits.',
    args: { filter: t.arg({ type: TimelineFilter, required: false, description: 'Which items.' }) },
    subscribe: (_, args, ctx) => matching(ctx, 'timeline:added', toDomainFilter(args.filter, null), false),
    resolve: (id) => id,
  }),
  timelineItemChanged: t.field({
    type: TimelineItem,
    description: 'Each timeline item matching the filter that a mutation changes: updated, linked, cited, or retracted (then its `retraction` is set).',
    args: { filter: t.arg({ type: TimelineFilter, required: false, description: 'Which items.' }) },
    subscribe: (_, args, ctx) => matching(ctx, 'timeline:changed', toDomainFilter(args.filter, null), true),
    resolve: (id) => id,
  }),
}));
