import { itemMatches, type TimelineFilter as DomainFilter } from '../../domain/timeline.ts';
import type { LiveEvents } from '../../server/editor.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { TimelineItem } from '../refs.ts';
import { TimelineFilter, toDomainFilter } from './timeline-item.ts';

/** The ids of the items a live event names that match the filter, as they are committed. */
async function* matching(ctx: Context, event: keyof LiveEvents, filter: DomainFilter, withRetracted: boolean): AsyncGenerator<number> {
  for await (const id of ctx.editor.live.subscribe(event)) {
    if (itemMatches(ctx.db, filter, id, withRetracted)) yield id;
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
