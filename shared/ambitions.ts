/** The ten 'Live Your Best Life' ambitions of Integrated Care Northamptonshire, plus 'context', in profile order. */
export const AMBITIONS = [
  { id: 'context', number: 0, title: 'Context and deprivation' },
  { id: 'best-start', number: 1, title: 'The best start in life' },
  { id: 'education', number: 2, title: 'Access to the best available education and learning' },
  { id: 'fit-well', number: 3, title: 'Opportunity to be fit, well and independent' },
  { id: 'employment', number: 4, title: 'Employment that keeps people and families out of poverty' },
  { id: 'housing', number: 5, title: 'Good housing in places which are clean and green' },
  { id: 'safe', number: 6, title: 'Feel safe in homes and when out and about' },
  { id: 'connected', number: 7, title: 'Connected to family and friends' },
  { id: 'fresh-start', number: 8, title: 'Chance for a fresh start' },
  { id: 'health-care', number: 9, title: 'Access to health and social care when they need it' },
  { id: 'valued', number: 10, title: 'Valued for who they are' },
] as const;

export type AmbitionId = (typeof AMBITIONS)[number]['id'];

export const AMBITION_IDS = AMBITIONS.map<AmbitionId>((a) => a.id);

export function ambitionTitle(id: AmbitionId): string {
  return AMBITIONS.find((a) => a.id === id)?.title ?? id;
}
