/// The relay's host API: creating rooms with the host key as a Bearer token.

export interface CreatedRoom {
  room: string;
  join_url: string;
}

export class HostApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function createRoom(hostKey: string, title: string): Promise<CreatedRoom> {
  const response = await fetch('/api/rooms', {
    method: 'POST',
    headers: { Authorization: `Bearer ${hostKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (response.status === 401 || response.status === 403) {
    throw new HostApiError('The host key was not accepted.', response.status);
  }
  if (!response.ok) {
    throw new HostApiError(`The relay refused to create the room (HTTP ${response.status}).`, response.status);
  }
  const body = (await response.json()) as Partial<CreatedRoom>;
  if (typeof body.room !== 'string' || typeof body.join_url !== 'string') {
    throw new HostApiError('The relay sent an unexpected reply.', response.status);
  }
  return { room: body.room, join_url: body.join_url };
}
