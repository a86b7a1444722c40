import { hash, verify } from '@node-rs/argon2'

// OWASP's Argon2id baseline (19 MiB, 2 passes).
const options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string): Promise<string> => hash(password, options)

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** Verified against when the e-mail is unknown, so timing does not reveal which accounts exist. */
export const dummyHash = hashPassword('kith-timing-equaliser')
