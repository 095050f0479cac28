import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CredentialType } from './credential-type.entity';
import { CredentialsError } from './credentials.error';
import { sqlRows } from '@turnout/common/database/sql';

export interface CredentialTypeView {
  id: string;
  eventId: string;
  code: string;
  name: string;
  createdAt: Date;
}

/** Every project has these, seeded the first time its credential types are needed. */
export const DEFAULT_CREDENTIAL_TYPES = [
  { code: 'barcode', name: 'Barcode' },
  { code: 'qr', name: 'QR code' },
  { code: 'rfid', name: 'RFID' },
  { code: 'nfc', name: 'NFC' },
] as const;

/** The type a credential gets when none is named. */
export const DEFAULT_CREDENTIAL_TYPE = 'qr';

export const toTypeView = (type: CredentialType): CredentialTypeView => ({
  id: type.id,
  eventId: type.eventId,
  code: type.code,
  name: type.name,
  createdAt: type.createdAt,
});

/** A project's credential types: the four defaults and any it adds. */
@Injectable()
export class CredentialTypesService {
  constructor(private readonly em: EntityManager) {}

  async list(
    eventId: string,
    window: { limit: number; offset: number },
  ): Promise<{ items: CredentialTypeView[]; total: number }> {
    await this.seed(this.em, eventId);
    const [types, total] = await this.em.findAndCount(
      CredentialType,
      { eventId },
      { orderBy: { createdAt: 'asc', code: 'asc' }, ...window },
    );
    return { items: types.map(toTypeView), total };
  }

  async create(eventId: string, input: { code: string; name: string }) {
    try {
      return await this.em.transactional(async (tx) => {
        // Seeded first, so a project's own type cannot take a default's code.
        await this.seed(tx, eventId);
        const type = tx.create(CredentialType, { eventId, ...input });
        await tx.flush();
        return toTypeView(type);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new CredentialsError(
          'credential-type-code-taken',
          `The project already has a credential type ${input.code}`,
        );
      }
      throw error;
    }
  }

  /** The type a new credential gets: the one named (422 unless it is the project's), else QR code. */
  async resolve(tx: EntityManager, eventId: string, id: string | undefined) {
    await this.seed(tx, eventId);
    const type = await tx.findOne(
      CredentialType,
      id ? { id, eventId } : { eventId, code: DEFAULT_CREDENTIAL_TYPE },
    );
    if (!type) {
      throw new CredentialsError(
        'unknown-credential-type',
        `Credential type ${id} is not one of this project’s`,
        { credential_type_id: id },
      );
    }
    return type;
  }

  /** Idempotent, and safe when two requests seed the same project at once (the unique index decides). */
  private async seed(em: EntityManager, eventId: string): Promise<void> {
    const rows = DEFAULT_CREDENTIAL_TYPES.map(() => '(?, ?, ?, ?, now())').join(', ');
    await sqlRows(
      em,
      `insert into credential_types (id, event_id, code, name, created_at) values ${rows}
         on conflict (event_id, code) do nothing`,
      DEFAULT_CREDENTIAL_TYPES.flatMap(({ code, name }) => [randomUUID(), eventId, code, name]),
    );
  }
}
