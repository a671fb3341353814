import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';

/** Maps the replay domain's errors to HTTP statuses with their message. */
export async function withReplayErrors<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof HttpException) throw error;
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (
      name === 'ReplayNotFoundError' ||
      name === 'RecordingNotFoundError' ||
      name === 'SessionInfoNotFoundError'
    ) {
      throw new NotFoundException(message);
    }
    if (name === 'ReplayAlreadyExistsError') throw new ConflictException(message);
    if (name === 'RangeError' || name === 'ZodError') throw new BadRequestException(message);
    throw error;
  }
}
