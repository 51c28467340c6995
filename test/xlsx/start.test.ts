// `npm start`, the README's main command: the sample workbook analysed and planned.
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

describe('npm start', () => {
  it('analyses examples/verkoop-2025.xlsx, makes a plan per A account, and says where the result is', async () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' }, timeout: 120_000 });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/of your customers bring .* of revenue/);
    expect(run.stdout).toMatch(/Left out: totals row 3206; 2 rows with text amounts \(416, 1782\); 1 row with an error \(2506\); 2 blank rows/);
    expect(run.stdout).toMatch(/Done\. Open examples\/output\/verkoop-2025\.planned\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(root, 'examples/output/verkoop-2025.planned.xlsx'));
    const names = book.worksheets.map((w) => w.name);
    const made = Number(/Made (\d+) plans/.exec(run.stdout)?.[1]);
    expect(made).toBeGreaterThan(20);
    expect(names.filter((n) => n.startsWith('Plan – '))).toHaveLength(made);
    expect(names).toContain('Pareto');
    expect(names).toContain('Plans overview');
  }, 180_000);
});
