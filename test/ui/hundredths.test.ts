// How the pane shows a suggested cutoff: whole hundredths of a percent, never above it.
import { describe, expect, it } from 'vitest';
import { hundredthsAtMost } from '../../src/ui/analyse-tab';

describe("the pane's suggested cutoffs, shown in hundredths of a percent", () => {
  it('never round a cutoff up past the data, and keep exact ones exact', () => {
    expect(hundredthsAtMost(0.8)).toBe(8000);
    expect(hundredthsAtMost(0.7)).toBe(7000);
    expect(hundredthsAtMost(0.12345)).toBe(1234);
    expect(hundredthsAtMost(0.8 - 1e-11)).toBe(7999);
    for (let i = 0; i < 1000; i++) {
      const c = Math.random();
      expect(hundredthsAtMost(c) / 10000).toBeLessThanOrEqual(c);
      expect((hundredthsAtMost(c) + 1) / 10000).toBeGreaterThan(c);
    }
  });
});
