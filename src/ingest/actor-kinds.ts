import countries from 'i18n-iso-countries';
import type { ActorKind } from '../db/vocabulary.ts';

// One vocabulary for what the event data sets' actor codes say an actor is, so that one kind of
// actor gets one kind whichever data set names it (police are a government body from GDELT,
// PLOVER and ACLED alike). A code gives a kind only where its definition is one; roles and
// sectors that describe people rather than bodies (ELI elites, EDU education, CVL civilians,
// BUS business, LAB labour, OPP opposition…) give none: the actor's kind stays UNKNOWN and the
// code itself is kept with the actor (actor_codes), so nothing the data says is lost.

/**
 * CAMEO actor role and organisation codes (CAMEO Codebook 1.1b3, chapter 2, "Actor codebook")
 * whose definition is a kind of body: "GOV: Government", "JUD: Judiciary", "LEG: Legislature",
 * "COP: Police forces", "SPY: State intelligence", "MIL: Military", "REB: Rebels", "INS:
 * Insurgents", "SEP: Separatist rebels", "UAF: Unaligned armed forces", "IMG: International
 * militarized group", "MED: Media", "IGO: Inter-governmental organization", "NGO:
 * Non-governmental organization", "MNC: Multinational corporation". PLOVER's sectors use the
 * same codes.
 */
const CODE_KINDS: Readonly<Record<string, ActorKind>> = {
  GOV: 'GOVERNMENT_BODY',
  JUD: 'GOVERNMENT_BODY',
  LEG: 'GOVERNMENT_BODY',
  COP: 'GOVERNMENT_BODY',
  SPY: 'GOVERNMENT_BODY',
  MIL: 'MILITARY',
  REB: 'ARMED_GROUP',
  INS: 'ARMED_GROUP',
  SEP: 'ARMED_GROUP',
  UAF: 'ARMED_GROUP',
  IMG: 'ARMED_GROUP',
  MED: 'MEDIA',
  IGO: 'ORGANIZATION',
  NGO: 'ORGANIZATION',
  MNC: 'ORGANIZATION',
};

/** The kind the first code that states one gives (GDELT's Type1…Type3 codes, in order); UNKNOWN when none does. */
export function kindOfCodes(codes: readonly string[]): ActorKind {
  for (const code of codes) {
    const kind = CODE_KINDS[code.toUpperCase()];
    if (kind) return kind;
  }
  return 'UNKNOWN';
}

/** The three-letter codes a PLOVER sector joins ("GOVMOS": government, Muslim; "CVLalb": civilians, Albanian). */
export const sectorCodes = (sector: string): string[] => sector.match(/[A-Za-z]{3}/g) ?? [];

/**
 * ACLED's actor types (codebook, "Actor Names, Types, and 'Inter' Codes"), by inter code and by
 * the names newer exports write instead: 1 State Forces, 2 Rebel Groups, 3 Political Militias,
 * 4 Identity Militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other Forces.
 */
const INTER_TYPES: Readonly<Record<string, number>> = {
  'state forces': 1,
  'rebel group': 2,
  'rebel groups': 2,
  'political militia': 3,
  'political militias': 3,
  'identity militia': 4,
  'identity militias': 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  'external/other forces': 8,
};

/** An ACLED inter code as its number, whether the export writes "1" or "State forces" (0: no actor); undefined when it is neither. */
export function interType(inter: string | null): number | null | undefined {
  if (inter === null) return null;
  const n = /^[0-8]$/.test(inter.trim()) ? Number(inter) : INTER_TYPES[inter.trim().toLowerCase()];
  return n;
}

/**
 * The kind of an ACLED actor. ACLED names a state's forces by a fixed pattern, at home (inter 1)
 * or abroad (inter 8, external forces): "Military Forces of …" are a military, "Police Forces of
 * …" a government body, as police are from CAMEO's COP. Other state forces "perform government
 * functions over a given territory": a government body. Rebel groups and political and identity
 * militias are armed groups; rioters, protesters, civilians and other external forces name no
 * kind of body.
 */
export function kindOfAcledActor(name: string, inter: number | null | undefined): ActorKind {
  if (/^Military Forces of /i.test(name)) return 'MILITARY';
  if (/^Police Forces of /i.test(name)) return 'GOVERNMENT_BODY';
  if (inter === 1) return 'GOVERNMENT_BODY';
  if (inter === 2 || inter === 3 || inter === 4) return 'ARMED_GROUP';
  return 'UNKNOWN';
}

/** ISO 3166-1 alpha-2 of a CAMEO (ISO alpha-3) country code; null for CAMEO's regions (AFR, EUR…) and unknown codes. */
export const countryOfAlpha3 = (code: string | null): string | null => (code === null ? null : (countries.alpha3ToAlpha2(code.toUpperCase()) ?? null));

/** ISO 3166-1 alpha-2 of a numeric ISO code (ACLED's `iso`). */
export const countryOfNumeric = (code: number | null): string | null => (code === null ? null : (countries.numericToAlpha2(code) ?? null));
