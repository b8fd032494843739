import { itemMatches, type TimelineFilter as DomainFilter } from '../../domain/timeline.ts';
import { builder } from '../builder.ts';
import { LimitExceeded } from '../../domain/errors.ts';
import { SUBSCRIPTION_OVERFLOW, type Context, type LiveEvent } from '../context.ts';
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
      if (next.value === SUBSCRIPTION_OVERFLOW) {
        yield SUBSCRIPTION_OVERFLOW; // answered with the error, then the subscription ends
        return;
      }
      if (itemMatches(ctx.db, filter, next.value, withRetracted)) yield next.value;
    }
  } finally {
    await events.return?.();
  }
}

/** The item's id, or the error that ends a subscription more items were waiting for than the server keeps. */
function overflowOr(id: number, _args: unknown, ctx: Context): number {
  if (id !== SUBSCRIPTION_OVERFLOW) return id;
  const backlog = ctx.editor.backlog;
  throw new LimitExceeded(
    'SUBSCRIPTION_OVERFLOW',
    `More than ${backlog.toLocaleString('en')} items were waiting to be sent to this subscription (CLAIMLINE_SUBSCRIPTION_BACKLOG; an import adds them faster than they are read), so it ended: read the timeline to catch up, then subscribe again.`,
    backlog,
    null,
  );
}

builder.subscriptionFields((t) => ({
  timelineItemAdded: t.field({
    type: TimelineItem,
    description: 'Each timeline item a mutation adds that matches the filter (the filter of `timeline`), once its transaction commits.',
    args: { filter: t.arg({ type: TimelineFilter, required: false, description: 'Which items.' }) },
    subscribe: (_, args, ctx) => matching(ctx, 'timeline:added', toDomainFilter(args.filter, null), false),
    resolve: overflowOr,
  }),
  timelineItemChanged: t.field({
    type: TimelineItem,
    description: 'Each timeline item matching the filter that a mutation changes: updated, linked, cited, or retracted (then its `retraction` is set).',
    args: { filter: t.arg({ type: TimelineFilter, required: false, description: 'Which items.' }) },
    subscribe: (_, args, ctx) => matching(ctx, 'timeline:changed', toDomainFilter(args.filter, null), true),
    resolve: overflowOr,
  }),
}));
