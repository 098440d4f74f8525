import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function messagesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint rules keep the process boundaries', () => {
  it('the renderer may not import Node, Electron or the service', async () => {
    expect(await messagesFor('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;")).toHaveLength(1);
    expect(await messagesFor('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;")).toHaveLength(1);
    expect(await messagesFor('renderer/src/x.ts', "import { KycService } from '../../electron/service/KycService';\nexport const k = KycService;")).toHaveLength(1);
    expect(await messagesFor('renderer/src/x.ts', "import { contract } from '../../shared/contract';\nexport const c = contract;")).toHaveLength(0);
  });

  it('the service may not import electron', async () => {
    expect(await messagesFor('electron/service/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
    expect(await messagesFor('electron/service/x.ts', "import { join } from 'node:path';\nexport const j = join;")).toHaveLength(0);
  });

  it('shared/ may not import Node or Electron', async () => {
    expect(await messagesFor('shared/x.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;")).toHaveLength(1);
    expect(await messagesFor('shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();")).toHaveLength(0);
  });

  // Lints the whole tree: give a loaded 2-core machine time.
  it('the real tree has no boundary violations', { timeout: 180_000 }, async () => {
    const results = await eslint.lintFiles(['renderer', 'shared', 'electron']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(violations).toEqual([]);
  });
});
