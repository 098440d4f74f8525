import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { DEFAULT_SCREENING_THRESHOLD } from '../../shared/schemas/sanctions';
import { openTempService } from '../helpers/tempService';

const fixtures = join(import.meta.dirname, 'fixtures');
const b64 = (name: string, edit: (s: string) => string = (s) => s) => Buffer.from(edit(readFileSync(join(fixtures, name), 'utf8'))).toString('base64');

describe('the EU, UK and OFAC XML lists in the store', () => {
  it('imports each as its source snapshot with the list date, screens across scripts against it, and keeps it active when a broken copy is refused', async () => {
    const t = openTempService();
    try {
      const admin = await t.signInAs('admin');
      const imports = [
        { format: 'eu-xml', fileName: 'eu_fsf.xml' },
        { format: 'uk-csv', fileName: 'uk_conlist.csv' },
        { format: 'ofac-xml', fileName: 'ofac_sdn.xml' },
      ] as const;
      for (const i of imports) {
        const r = await t.service.call('sanctions.import', { ...i, dataBase64: b64(i.fileName) }, admin);
        expect(r.ok, JSON.stringify(r)).toBe(true);
      }
      const lists = t.service.deps.sanctions.active();
      expect(lists.map((l) => [l.source, l.format, l.entryCount, l.publishedAt]).sort()).toEqual([
        ['eu_consolidated', 'eu-xml', 3, '2026-11-30T17:02:11.000+01:00'],
        ['ofac_sdn', 'ofac-xml', 3, '2021-07-06'],
        ['uk_consolidated', 'uk-csv', 3, '2026-11-28'],
      ]);

      // A customer written in Cyrillic finds the EU and UK entries given in Latin and Cyrillic.
      const index = t.service.deps.sanctionsIndex.index();
      const shoigu = index.screen({ name: 'Шойгу Сергей', birthDate: '1955-05-21', country: 'RU' }, DEFAULT_SCREENING_THRESHOLD);
      expect(shoigu.map((h) => [h.list, h.entryId]).sort()).toEqual([
        ['eu_consolidated', '139071'],
        ['uk_consolidated', '14200'],
      ]);
      // OFAC XML names read as sdn.csv writes them: word order and the cedula number count.
      const maduro = index.screen({ name: 'Nicolas Maduro Moros', birthDate: '1962-11-23', documentNumber: '5892464' }, DEFAULT_SCREENING_THRESHOLD);
      expect(maduro[0]).toMatchObject({ list: 'ofac_sdn', entryId: '22790' });
      expect(maduro[0]!.score).toBeGreaterThanOrEqual(98);

      // The EU CSV replaces the XML snapshot of the same source; a truncated CSV is refused and the CSV snapshot stays.
      const csv = await t.service.call('sanctions.import', { format: 'eu-csv', fileName: 'eu_fsf.csv', dataBase64: b64('eu_fsf.csv') }, admin);
      if (!csv.ok) throw new Error(csv.error.message);
      const cut = await t.service.call('sanctions.import', { format: 'eu-csv', fileName: 'eu_cut.csv', dataBase64: b64('eu_fsf.csv', (s) => s.slice(0, Math.floor(s.length * 0.6))) }, admin);
      expect(cut).toMatchObject({ ok: false, error: { code: ErrorCode.LIST_INVALID } });
      const eu = t.service.deps.sanctions.active().find((l) => l.source === 'eu_consolidated');
      expect(eu).toMatchObject({ id: csv.value.id, format: 'eu-csv', entryCount: 2 });
      // A file of the other kind than the format chosen is named as such, by the admin's own file name.
      const xmlAsCsv = await t.service.call('sanctions.import', { format: 'ofac-csv', fileName: 'eu_fsf.xml', dataBase64: b64('eu_fsf.xml'), aliases: { fileName: 'alt.csv', dataBase64: b64('uk_conlist.csv') } }, admin);
      expect(xmlAsCsv).toMatchObject({ ok: false, error: { code: ErrorCode.LIST_INVALID, message: 'eu_fsf.xml cannot be imported: this is an XML file, but OFAC SDN (CSV) is CSV: choose one of the XML formats (OFAC SDN, UN consolidated or EU consolidated, XML)' } });
      const csvAsXml = await t.service.call('sanctions.import', { format: 'un-xml', fileName: '../uk_conlist.csv', dataBase64: b64('uk_conlist.csv') }, admin);
      expect(csvAsXml).toMatchObject({ ok: false, error: { code: ErrorCode.LIST_INVALID, message: 'uk_conlist.csv cannot be imported: this is not an XML file, but UN consolidated (XML) is XML: choose the CSV format of this list' } });
      const types = (t.service.deps.db.prepare("SELECT type FROM audit_events WHERE type = 'screening.list_imported'").all() as unknown[]).length;
      expect(types).toBe(4);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
