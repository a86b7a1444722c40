import { AppError } from '../../server/errors'

/** Why a whole file cannot be imported; the message is shown to the user as it is. */
export const fileError = (message: string) => new AppError('IMPORT_FILE_INVALID', message, { errors: [{ path: 'file', message }] })
