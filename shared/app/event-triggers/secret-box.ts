import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SealedSecret } from '../../contracts/event-trigger';
import { AppError } from '../../domain/errors';

/**
 * Keeps trigger secrets encrypted at rest. They cannot be hashed: verifying an HMAC needs the key itself.
 * AES-256-GCM under the server key (EVENT_TRIGGER_KEY, a Key Vault reference in Azure); the trigger's
 * tenant and id are the associated data, so a sealed secret copied onto another trigger does not open.
 */
export interface SecretBox {
  seal(secret: string, context: string): SealedSecret;
  open(sealed: SealedSecret, context: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new RangeError('the secret box key must be 32 bytes');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return {
    seal(secret, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return {
        keyId,
        iv: iv.toString('base64url'),
        tag: cipher.getAuthTag().toString('base64url'),
        data: data.toString('base64url'),
      };
    },
    open(sealed, context) {
      if (sealed.keyId !== keyId) {
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          'This trigger secret was sealed with another server key; rotate the trigger secret',
          { reason: 'secret_key_mismatch' },
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(sealed.data, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch (err) {
        throw new AppError('INTERNAL', 'A trigger secret could not be opened', {}, { cause: err });
      }
    },
  };
}

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a secret scanner. */
export const newTriggerSecret = () => `ets_${randomBytes(32).toString('base64url')}`;

export const sealContext = (tenantId: string, triggerId: string) => `event-trigger|${tenantId}|${triggerId}`;

/**
 * The box for the configured key; in LOCAL_MODE without a key, a fixed development key (secrets sealed
 * with it are only as safe as the machine); otherwise none — event triggers then answer 503.
 */
export function secretBoxFromSettings(settings: {
  key?: string | undefined;
  localMode: boolean;
}): SecretBox | null {
  if (settings.key) return createSecretBox(Buffer.from(settings.key, 'base64'));
  if (settings.localMode)
    return createSecretBox(createHash('sha256').update('report-scheduler local development key').digest());
  return null;
}
