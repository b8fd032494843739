import type { QuoteRow, ReviewRow } from '../../domain/records.ts';
import { builder } from '../builder.ts';
import { claimAccused, claimReviews, itemCitations, whenLoaded } from '../loaders.ts';
import { FuzzyDate } from './fuzzy-date.ts';
import { Accusation, Actor, Claim, Event, fullItem, heldOrId, heldRow, Quote, Rebuttal, Statement, TimelineItem, TYPE_NAMES } from '../refs.ts';
import { RebuttalStance, StatementKind } from './enums.ts';
import { linked } from './timeline-item.ts';
import * as editing from '../../domain/editing.ts';
import { derivedInput, nameInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';

const Review = builder.objectRef<ReviewRow>('Review').implement({
  description: 'A fact-check of a claim (schema.org ClaimReview), with the rating exactly as the reviewer gives it.',
  fields: (t) => ({
    reviewer: t.field({ type: Actor, nullable: true, description: 'Who reviewed the claim, when the review names them.', resolve: (r) => r.reviewerId }),
    url: t.field({ type: 'URL', nullable: true, description: 'Where the review is published.', resolve: (r) => r.url }),
    publishedAt: t.field({
      type: FuzzyDate,
      description: 'When the review was published.',
      resolve: (r) => ({ edtf: r.publishedEdtf, earliest: r.publishedEarliest, latest: r.publishedLatest, basis: r.publishedBasis }),
    }),
    ratingValue: t.float({ nullable: true, description: 'The rating on the reviewer’s scale (schema.org ratingValue).', resolve: (r) => r.ratingValue }),
    bestRating: t.float({ nullable: true, description: 'The best value of the reviewer’s scale.', resolve: (r) => r.bestRating }),
    worstRating: t.float({ nullable: true, description: 'The worst value of the reviewer’s scale.', resolve: (r) => r.worstRating }),
    ratingLabel: t.string({ nullable: true, description: 'The rating in the reviewer’s words (schema.org alternateName), e.g. "False"; kept even where it disagrees with the value.', resolve: (r) => r.ratingLabel }),
    body: t.string({ nullable: true, description: 'The review’s text, when given.', resolve: (r) => r.body }),
  }),
});

Claim.implement({
  description: 'A speech act: someone said something at some time. Accusations, rebuttals and statements, with who spoke, for whom, and in which words.',
  interfaces: () => [builder.nodeInterfaceRef(), TimelineItem],
  resolveType: (row) => TYPE_NAMES[row.type],
  fields: (t) => ({
    claimant: t.field({ type: Actor, description: 'The body the claim speaks for (a ministry, a state).', resolve: (c, _, ctx) => heldOrId(ctx, 'Actor', c.claimantId) }),
    spokesperson: t.field({ type: Actor, nullable: true, description: 'The person who said it, when the sources name one.', resolve: (c, _, ctx) => heldOrId(ctx, 'Actor', c.spokespersonId) }),
    quotes: t.field({
      type: [Quote],
      description: 'The spans of the sources that carry the claim: direct quotations and reported speech, in source order.',
      resolve: (c, _, ctx) =>
        whenLoaded(itemCitations(ctx).load(c.id), (citations) => {
          const ids = citations.flatMap((cit) => (cit.quoteId === null ? [] : [cit.quoteId]));
          const inOrder = (rows: readonly (QuoteRow | Error | null | undefined)[]) =>
            rows.filter((q): q is QuoteRow => q != null && !(q instanceof Error)).sort((a, b) => a.sourceId - b.sourceId || a.start - b.start || a.end - b.end);
          const held = ids.map((id) => heldRow(ctx, 'Quote', id));
          return held.every((q) => q !== undefined) ? inOrder(held) : Quote.getDataloader(ctx).loadMany(ids).then(inOrder);
        }),
    }),
    about: t.field({ type: [Event], description: 'The events the claim is about.', resolve: (c, _, ctx) => linked(ctx, c.id, 'out', 'IS_ABOUT') }),
    rebuttals: t.field({ type: [Rebuttal], description: 'Rebuttals of this claim.', resolve: (c, _, ctx) => linked(ctx, c.id, 'in', 'REBUTS') }),
    responses: t.field({ type: [TimelineItem], description: 'Items that respond to this claim without rebutting it.', resolve: (c, _, ctx) => linked(ctx, c.id, 'in', 'RESPONDS_TO') }),
    reviews: t.field({ type: [Review], description: 'Fact-checks of this claim, oldest first.', resolve: (c, _, ctx) => claimReviews(ctx).load(c.id) }),
    respondsTo: t.field({ type: [Claim], description: 'Earlier claims this one responds to without rebutting them.', resolve: (c, _, ctx) => linked(ctx, c.id, 'out', 'RESPONDS_TO') }),
  }),
});

Accusation.implement({
  description: 'A claim that charges one or more actors with conduct, often about events.',
  interfaces: [Claim, TimelineItem],
  fields: (t) => ({
    accused: t.field({ type: [Actor], description: 'Whom the accusation charges.', resolve: (c, _, ctx) => whenLoaded(claimAccused(ctx).load(c.id), (rows) => rows.map((r) => heldOrId(ctx, 'Actor', r.actorId))) }),
  }),
});

Rebuttal.implement({
  description: 'A response that denies, disputes or corrects earlier claims, optionally citing evidence.',
  interfaces: [Claim, TimelineItem],
  fields: (t) => ({
    stance: t.field({ type: RebuttalStance, description: 'Whether it denies, disputes or corrects.', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (c) => c.stance!) }),
    rebuts: t.field({ type: [Claim], description: 'The claims it rebuts.', resolve: (c, _, ctx) => linked(ctx, c.id, 'out', 'REBUTS') }),
    evidence: t.field({ type: [TimelineItem], description: 'The items it cites as evidence.', resolve: (c, _, ctx) => linked(ctx, c.id, 'out', 'CITES_AS_EVIDENCE') }),
  }),
});

Statement.implement({
  description: 'Any other claim: an assertion, an appeal, a question (rhetorical ones included).',
  interfaces: [Claim, TimelineItem],
  fields: (t) => ({
    statementKind: t.field({ type: StatementKind, description: 'Assertion, appeal or question.', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (c) => c.statementKind!) }),
  }),
});

nameInput(editing.claimUpdateInput.shape.changes, 'ClaimChanges', 'The fields to change.');
const AccusationCreateInput = derivedInput('AccusationCreateInput', 'A new accusation: an accuser charges one or more accused.', editing.accusationCreateInput);
const RebuttalCreateInput = derivedInput('RebuttalCreateInput', 'A new rebuttal of one or more earlier claims.', editing.rebuttalCreateInput);
const StatementCreateInput = derivedInput('StatementCreateInput', 'A new statement: an assertion, appeal or question.', editing.statementCreateInput);
const ClaimUpdateInput = derivedInput('ClaimUpdateInput', 'Changes to a claim: omitted fields stay as they are.', editing.claimUpdateInput);
recordMutation('accusationCreate', { description: 'Records an accusation, with its sources.', input: AccusationCreateInput, dataField: 'accusation', type: Accusation, edit: editing.accusationCreate });
recordMutation('rebuttalCreate', { description: 'Records a rebuttal of earlier claims, with its sources.', input: RebuttalCreateInput, dataField: 'rebuttal', type: Rebuttal, edit: editing.rebuttalCreate });
recordMutation('statementCreate', { description: 'Records a statement, with its sources.', input: StatementCreateInput, dataField: 'statement', type: Statement, edit: editing.statementCreate });
recordMutation('claimUpdate', { description: 'Changes a claim (accusation, rebuttal or statement).', input: ClaimUpdateInput, dataField: 'claim', type: TimelineItem, edit: editing.claimUpdate });
