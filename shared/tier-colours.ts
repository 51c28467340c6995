// One palette for tiers, used by the pane, the tier column's colours and the Pareto sheet, so A
// looks the same everywhere. Pairs meet 4.5:1 contrast; more tiers than colours reuse the last.
export const TIER_COLOURS: readonly { fill: string; fontColor: string }[] = [
  { fill: '#C6EFCE', fontColor: '#0B5A1E' }, // A: green
  { fill: '#FFEB9C', fontColor: '#7A4A00' }, // B: amber
  { fill: '#E7E6E6', fontColor: '#3B3B3B' }, // C: grey
  { fill: '#DDEBF7', fontColor: '#1F4E79' }, // D: blue
  { fill: '#FCE4D6', fontColor: '#833C0B' }, // E: orange
];

export const tierColour = (tier: number) => TIER_COLOURS[Math.min(tier, TIER_COLOURS.length - 1)];
