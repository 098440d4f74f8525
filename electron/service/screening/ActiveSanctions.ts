import type { SanctionsRepository } from '../repositories/SanctionsRepository';
import { SanctionsIndex } from './match/SanctionsIndex';

/**
 * The screening index over the active list snapshots, built on first use and again after an
 * import (100,000 entries index in about a second; the store keeps the entries, not the index).
 */
export class ActiveSanctions {
  private built: SanctionsIndex | null = null;

  constructor(private readonly repo: SanctionsRepository) {}

  index(): SanctionsIndex {
    this.built ??= new SanctionsIndex(this.repo.activeEntries());
    return this.built;
  }

  /** A list was imported: the next screening rebuilds the index. */
  invalidate(): void {
    this.built = null;
  }
}
