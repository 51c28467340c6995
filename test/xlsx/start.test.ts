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
    // The sample is Dutch: the runner speaks Dutch and writes Dutch sheets, whatever LANG says
    expect(run.stdout).toMatch(/van uw klanten brengt .* van de omzet/);
    expect(run.stdout).toMatch(/Niet meegeteld: totaalregel 3206; 2 rijen met tekst als bedrag \(416, 1782\); 1 rij met een fout \(2506\); 2 lege rijen/);
    expect(run.stdout).toMatch(/Done\. Open examples\/output\/verkoop-2025\.planned\.xlsx/);
    // It prints exactly the commands it runs, --owner and all
    const commands = run.stdout.split('\n').filter((l) => l.startsWith('$ account-planner '));
    expect(commands).toEqual([
      '$ account-planner analyze examples/verkoop-2025.xlsx --lang nl --out examples/output/verkoop-2025.analysed.xlsx --replace',
      '$ account-planner plans examples/output/verkoop-2025.analysed.xlsx --tier A --lang nl --owner Accountmanager --out examples/output/verkoop-2025.planned.xlsx',
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(root, 'examples/output/verkoop-2025.planned.xlsx'));
    const names = book.worksheets.map((w) => w.name);
    const made = Number(/(\d+) plannen gemaakt/.exec(run.stdout)?.[1]);
    expect(made).toBeGreaterThan(20);
    const plans = book.worksheets.filter((w) => w.name.startsWith('Plan – '));
    expect(plans).toHaveLength(made);
    expect(names).toContain('Pareto');
    expect(names).toContain('Plannen-overzicht');
    const owner = plans[0].getColumn(1).values.findIndex((v) => v === 'Accountmanager');
    expect(plans[0].getCell(owner, 2).value).toBe('Accountmanager');
  }, 180_000);
});
