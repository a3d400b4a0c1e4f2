/// Where the relay is: always the origin that served this page (ws: or wss: to match).

export function socketBase(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/// The room id from `/r/{id}`, or null on any other path.
export function roomIdFromPath(pathname: string = location.pathname): string | null {
  const match = /^\/r\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/// The candidates' link to a room, remembered by the host console when it created the room
/// (it carries the LAN address); otherwise this page's own address.
export function joinUrlFor(roomId: string, remembered: string | null): string {
  return remembered ?? `${location.origin}/r/${roomId}`;
}
